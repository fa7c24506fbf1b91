package ai.fromscratch.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The container's conversion of DB_URL, run as the container runs it (sh). */
class JdbcUrlScriptTest {
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "postgres://app:s3cr%40t@db.internal:5432/chat"
            + " | jdbc:postgresql://db.internal:5432/chat?user=app&password=s3cr%40t",
        "postgresql://app:pw@db/chat?sslmode=require"
            + " | jdbc:postgresql://db/chat?sslmode=require&user=app&password=pw",
        "postgres://app@db/chat | jdbc:postgresql://db/chat?user=app",
        "postgres://db/chat | jdbc:postgresql://db/chat",
        "jdbc:postgresql://db/chat?user=a&password=b | jdbc:postgresql://db/chat?user=a&password=b",
        "jdbc:derby:/data/db;create=true | jdbc:derby:/data/db;create=true",
      })
  void renderStylePostgresUrlsBecomeJdbcUrlsAndOthersStayAsTheyAre(String given, String jdbc)
      throws IOException, InterruptedException {
    Process script =
        new ProcessBuilder("sh", "liberty-config/jdbc-url.sh", given)
            .redirectErrorStream(true)
            .start();
    String printed = new String(script.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    assertEquals(0, script.waitFor());
    assertEquals(jdbc + "\n", printed);
  }
}
