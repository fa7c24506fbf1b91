package ai.fromscratch.backup;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.regex.Pattern;

/** Backup file names: the UTC time they were taken, so that names sort oldest first. */
final class BackupNames {
  private static final Pattern NAME = Pattern.compile("backup-\\d{8}-\\d{6}-\\d{3}\\.zip");
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS").withZone(ZoneOffset.UTC);

  static final Comparator<RemoteBackup> NEWEST_FIRST_REMOTE =
      Comparator.comparing(RemoteBackup::name).reversed();

  private BackupNames() {}

  static String of(Instant time) {
    return "backup-" + STAMP.format(time) + ".zip";
  }

  /** Whether {@code name} is a backup's name (and so also safe as a file name). */
  static boolean isBackup(String name) {
    return NAME.matcher(name).matches();
  }
}
