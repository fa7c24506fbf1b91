package ai.fromscratch.platform;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The app's settings, validated as a whole when they are read, so a bad value never gets past
 * start-up.
 */
public final class Settings {
  private static final Pattern URL_PASSWORD = Pattern.compile("(?i)(password=)[^&;]*");
  private static final Pattern URL_USER_INFO = Pattern.compile("(//)[^/@]+@");

  /** The shortest ADMIN_PASSWORD production accepts. */
  static final int MIN_PASSWORD_LENGTH = 12;

  private final Map<Setting, String> values;

  private Settings(Map<Setting, String> values) {
    this.values = values;
  }

  /**
   * Reads every setting through {@code lookup} (blank counts as unset), falling back to its
   * default.
   *
   * @throws InvalidSettingsException naming each setting whose value is not acceptable
   */
  public static Settings from(Function<String, Optional<String>> lookup) {
    Map<Setting, String> values = new EnumMap<>(Setting.class);
    List<String> problems = new ArrayList<>();
    for (Setting setting : Setting.values()) {
      String value =
          lookup
              .apply(setting.name())
              .map(String::trim)
              .filter(v -> !v.isEmpty())
              .orElse(setting.defaultValue());
      String problem = setting.problemWith(value);
      if (problem != null) {
        problems.add(
            setting.isSecret()
                ? setting.name() + " " + problem
                : setting.name() + "=" + shown(setting, value) + ": " + problem);
      }
      values.put(setting, value);
    }
    if ("production".equalsIgnoreCase(values.get(Setting.APP_ENV))) {
      String password = values.get(Setting.ADMIN_PASSWORD);
      if (password.isEmpty()) {
        problems.add(
            "ADMIN_PASSWORD must be set when APP_ENV=production: the admin pages would be open to"
                + " anyone");
      } else if (password.codePointCount(0, password.length()) < MIN_PASSWORD_LENGTH) {
        problems.add(
            "ADMIN_PASSWORD must have at least "
                + MIN_PASSWORD_LENGTH
                + " characters when APP_ENV=production: a shorter one can be guessed even at the"
                + " pace the sign-in throttle allows");
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidSettingsException(problems);
    }
    return new Settings(Collections.unmodifiableMap(values));
  }

  public String get(Setting setting) {
    return values.get(setting);
  }

  public int getInt(Setting setting) {
    return Integer.parseInt(values.get(setting));
  }

  public double getDouble(Setting setting) {
    return Double.parseDouble(values.get(setting));
  }

  public boolean getBoolean(Setting setting) {
    return Boolean.parseBoolean(get(setting));
  }

  public boolean isSet(Setting setting) {
    return !values.get(setting).isEmpty();
  }

  public boolean isProduction() {
    return "production".equalsIgnoreCase(get(Setting.APP_ENV));
  }

  /**
   * Whether the database is a server that other instances may share and that outlives this server's
   * disk: DB_URL names one. The embedded Derby belongs to one instance, and server.xml's own
   * default for DB_URL (visible here like any setting) is an embedded Derby. With a shared
   * database, models and the index travel as releases, and what this instance's disk holds says
   * nothing about what the others have.
   */
  public boolean sharedDatabase() {
    String url = get(Setting.DB_URL);
    return !url.isEmpty() && !isEmbeddedDerby(url);
  }

  /** {@code jdbc:derby:path}, as against Derby's network server ({@code jdbc:derby://host/db}). */
  private static boolean isEmbeddedDerby(String jdbcUrl) {
    return jdbcUrl.startsWith("jdbc:derby:") && !jdbcUrl.startsWith("jdbc:derby://");
  }

  public Path dataDir() {
    return Path.of(get(Setting.DATA_DIR)).toAbsolutePath().normalize();
  }

  /** Every setting as it may be shown to the admin: secrets and database credentials hidden. */
  public Map<String, String> displayable() {
    Map<String, String> shown = new LinkedHashMap<>();
    for (Setting setting : Setting.values()) {
      shown.put(setting.name(), displayValue(setting));
    }
    return shown;
  }

  private String displayValue(Setting setting) {
    String value = values.get(setting);
    if (setting.isSecret()) {
      return value.isEmpty() ? "(not set)" : "(set, hidden)";
    }
    return value.isEmpty() ? "(not set)" : shown(setting, value);
  }

  /** A value as it may appear in a page, a log line or an error: database credentials masked. */
  private static String shown(Setting setting, String value) {
    return setting == Setting.DB_URL ? maskedUrl(value) : value;
  }

  /** A URL with its password and user info replaced by {@code ***}, in JDBC and URI forms. */
  public static String maskedUrl(String url) {
    return URL_USER_INFO
        .matcher(URL_PASSWORD.matcher(url).replaceAll("$1***"))
        .replaceAll("$1***@");
  }
}
