package ai.fromscratch.insights;

import ai.fromscratch.platform.ApiException;
import java.util.Arrays;
import java.util.Locale;

/** The forms conversations can be exported in. */
public enum ExportFormat {
  /** One exchange a line, with everything known of it. */
  JSONL("application/x-ndjson", "jsonl"),
  /** One exchange a row, for spreadsheets. */
  CSV("text/csv", "csv"),
  /** OpenAI's fine-tuning form: one conversation a line, {@code {"messages": [...]}}. */
  OPENAI("application/x-ndjson", "jsonl"),
  /** Alpaca: one exchange a line, {@code {"instruction", "input", "output"}}. */
  ALPACA("application/x-ndjson", "jsonl");

  private final String mediaType;
  private final String extension;

  ExportFormat(String mediaType, String extension) {
    this.mediaType = mediaType;
    this.extension = extension;
  }

  public String mediaType() {
    return mediaType;
  }

  public String fileName(String base) {
    return base + "-" + name().toLowerCase(Locale.ROOT) + "." + extension;
  }

  public static ExportFormat of(String name) {
    return Arrays.stream(values())
        .filter(f -> f.name().equalsIgnoreCase(name == null ? "jsonl" : name))
        .findFirst()
        .orElseThrow(
            () -> ApiException.badRequest("format must be one of jsonl, csv, openai, alpaca"));
  }
}
