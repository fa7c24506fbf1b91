package ai.fromscratch.dataset;

import ai.fromscratch.platform.Setting;
import ai.fromscratch.platform.Settings;

/** The configured limits an upload must stay within. */
public record UploadLimits(
    long maxUploadBytes,
    long maxRecords,
    int maxRecordChars,
    int zipMaxEntries,
    long zipMaxUncompressedBytes,
    int zipMaxRatio) {

  public static UploadLimits from(Settings settings) {
    return new UploadLimits(
        (long) settings.getInt(Setting.MAX_UPLOAD_MB) << 20,
        settings.getInt(Setting.MAX_RECORDS),
        settings.getInt(Setting.MAX_RECORD_CHARS),
        settings.getInt(Setting.ZIP_MAX_ENTRIES),
        (long) settings.getInt(Setting.ZIP_MAX_UNCOMPRESSED_MB) << 20,
        settings.getInt(Setting.ZIP_MAX_RATIO));
  }
}
