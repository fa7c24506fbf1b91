package ai.fromscratch.dataset;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads an uploaded file, whatever its format, and hands its records to a sink one at a time. */
public final class DatasetParser {
  private final UploadLimits limits;

  public DatasetParser(UploadLimits limits) {
    this.limits = limits;
  }

  /**
   * Streams the records of {@code file} into {@code sink}.
   *
   * @return the format the content was recognized as
   * @throws UploadRefusedException when the file as a whole cannot be used
   */
  public SourceFormat parse(Path file, RecordSink sink) throws IOException {
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
      SourceFormat format = SourceFormat.detect(in);
      switch (format) {
        case ZIP -> new ZipArchiveReader(limits).read(file, sink);
        case JSONL -> new JsonlReader(limits.maxRecordChars()).read(in, "", sink);
        case JSON ->
            new JsonDocumentReader(limits.maxRecordChars(), limits.keepPartialJson())
                .read(in, "", sink);
        case TEXT -> new TextDocumentReader(limits.maxRecordChars()).read(in, "", sink);
      }
      return format;
    }
  }
}
