package ai.fromscratch.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SettingsTest {

  private static Settings read(Map<String, String> environment) {
    return Settings.from(name -> Optional.ofNullable(environment.get(name)));
  }

  @Test
  void everySettingFallsBackToItsDefault() {
    Settings settings = read(Map.of());

    for (Setting setting : Setting.values()) {
      assertEquals(setting.defaultValue(), settings.get(setting), setting.name());
    }
    assertEquals(8, settings.getInt(Setting.RAG_TOP_K));
    assertFalse(settings.isProduction());
  }

  @Test
  void onlyADatabaseServerIsShared() {
    assertFalse(read(Map.of()).sharedDatabase());
    // server.xml's default, which MicroProfile Config hands over like a set value.
    assertFalse(read(Map.of("DB_URL", "jdbc:derby:/data/db;create=true")).sharedDatabase());
    assertTrue(read(Map.of("DB_URL", "jdbc:derby://db.internal:1527/app")).sharedDatabase());
    assertTrue(
        read(Map.of("DB_URL", "jdbc:postgresql://db.internal:5432/app?user=u&password=p"))
            .sharedDatabase());
  }

  @Test
  void blankValueCountsAsUnset() {
    assertEquals("8", read(Map.of("RAG_TOP_K", "  ")).get(Setting.RAG_TOP_K));
  }

  @Test
  void nonNumericValueIsRefusedNamingTheSetting() {
    InvalidSettingsException error =
        assertThrows(InvalidSettingsException.class, () -> read(Map.of("RAG_TOP_K", "abc")));

    assertEquals(
        "Invalid configuration, the server cannot start: RAG_TOP_K=abc: must be a whole number"
            + " from 1 to 100",
        error.getMessage());
  }

  @Test
  void negativeSizeIsRefused() {
    InvalidSettingsException error =
        assertThrows(InvalidSettingsException.class, () -> read(Map.of("MAX_CONTEXT_CHARS", "-1")));

    assertEquals(1, error.problems().size());
    assertTrue(error.problems().get(0).startsWith("MAX_CONTEXT_CHARS=-1"));
  }

  @Test
  void everyBadSettingIsReportedAtOnce() {
    InvalidSettingsException error =
        assertThrows(
            InvalidSettingsException.class,
            () ->
                read(
                    Map.of(
                        "APP_ENV",
                        "staging",
                        "PORT",
                        "70000",
                        "GROQ_BASE_URL",
                        "ftp://x",
                        "BACKUP_SCHEDULE",
                        "sometimes",
                        "DB_URL",
                        "jdbc:mysql://x/y")));

    assertEquals(5, error.problems().size(), error.getMessage());
  }

  @Test
  void secretValueNeverAppearsInAnErrorOrTheDisplay() {
    Settings settings =
        read(
            Map.of(
                "GROQ_API_KEY",
                "gsk_secret",
                "ADMIN_PASSWORD",
                "hunter2",
                "S3_SECRET",
                "s3secret"));

    String shown = settings.displayable().toString();

    assertFalse(
        shown.contains("gsk_secret") || shown.contains("hunter2") || shown.contains("s3secret"),
        shown);
    assertEquals("(set, hidden)", settings.displayable().get("GROQ_API_KEY"));
    assertEquals("(not set)", read(Map.of()).displayable().get("GROQ_API_KEY"));
  }

  @Test
  void databaseCredentialsAreHiddenFromTheDisplay() {
    Settings settings =
        read(
            Map.of(
                "DB_URL",
                "jdbc:postgresql://app:pw@db.example.com:5432/ai?user=app&password=topsecret&ssl=true"));

    assertEquals(
        "jdbc:postgresql://***@db.example.com:5432/ai?user=app&password=***&ssl=true",
        settings.displayable().get("DB_URL"));
  }

  @Test
  void dataDirIsMadeAbsolute() {
    assertTrue(read(Map.of("DATA_DIR", "relative/data")).dataDir().isAbsolute());
  }

  @Test
  void productionIsRecognised() {
    assertTrue(
        read(Map.of("APP_ENV", "production", "ADMIN_PASSWORD", "correct horse battery"))
            .isProduction());
  }

  @Test
  void productionRefusesAShortAdminPasswordSayingWhyWithoutShowingIt() {
    InvalidSettingsException error =
        assertThrows(
            InvalidSettingsException.class,
            () -> read(Map.of("APP_ENV", "production", "ADMIN_PASSWORD", "s3cret-pass")));
    assertTrue(error.getMessage().contains("at least 12 characters"), error.getMessage());
    assertFalse(error.getMessage().contains("s3cret-pass"), error.getMessage());
  }

  @Test
  void anInvalidDatabaseUrlIsReportedWithItsPasswordMaskedInEitherForm() {
    InvalidSettingsException jdbc =
        assertThrows(
            InvalidSettingsException.class,
            () ->
                read(
                    Map.of("DB_URL", "jdbc:mysql://db.example.com/ai?user=app&password=hunter22")));
    InvalidSettingsException uri =
        assertThrows(
            InvalidSettingsException.class,
            () -> read(Map.of("DB_URL", "postgres://app:hunter22@db.example.com:5432/ai")));

    for (InvalidSettingsException error : List.of(jdbc, uri)) {
      assertFalse(error.getMessage().contains("hunter22"), error.getMessage());
      assertTrue(error.getMessage().contains("DB_URL="), error.getMessage());
    }
    assertTrue(uri.getMessage().contains("postgres://***@db.example.com"), uri.getMessage());
    assertTrue(uri.getMessage().contains("start script converts"), uri.getMessage());
  }

  @Test
  void productionWithoutAnAdminPasswordIsRefused() {
    InvalidSettingsException error =
        assertThrows(InvalidSettingsException.class, () -> read(Map.of("APP_ENV", "production")));
    assertTrue(error.getMessage().contains("ADMIN_PASSWORD must be set"), error.getMessage());
  }

  @Test
  void fullPrecisionEmbeddingModelIsAccepted() {
    assertEquals(
        "all-MiniLM-L6-v2:fp32",
        read(Map.of("EMBED_MODEL_NAME", "all-MiniLM-L6-v2:fp32")).get(Setting.EMBED_MODEL_NAME));
  }
}
