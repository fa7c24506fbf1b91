package ai.fromscratch.dataset;

import ai.fromscratch.platform.Setting;
import ai.fromscratch.platform.Settings;

/**
 * The configured limits an upload must stay within, and how strictly it is read: a JSON document
 * cut short is refused whole unless {@code keepPartialJson} (the upload's {@code partial=true}).
 */
public record UploadLimits(
    long maxUploadBytes,
    long maxRecords,
    int maxRecordChars,
    int zipMaxEntries,
    long zipMaxUncompressedBytes,
    int zipMaxRatio,
    boolean keepPartialJson) {

  public static UploadLimits from(Settings settings) {
    return new UploadLimits(
        (long) settings.getInt(Setting.MAX_UPLOAD_MB) << 20,
        settings.getInt(Setting.MAX_RECORDS),
        settings.getInt(Setting.MAX_RECORD_CHARS),
        settings.getInt(Setting.ZIP_MAX_ENTRIES),
        (long) settings.getInt(Setting.ZIP_MAX_UNCOMPRESSED_MB) << 20,
        settings.getInt(Setting.ZIP_MAX_RATIO),
        false);
  }

  /** These limits, keeping the records before the point where a JSON document is cut short. */
  public UploadLimits keepingPartialJson(boolean keep) {
    return new UploadLimits(
        maxUploadBytes,
        maxRecords,
        maxRecordChars,
        zipMaxEntries,
        zipMaxUncompressedBytes,
        zipMaxRatio,
        keep);
  }
}
