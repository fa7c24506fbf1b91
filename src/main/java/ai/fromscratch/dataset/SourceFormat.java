package ai.fromscratch.dataset;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The shapes an upload can take, told apart by content rather than by file name: ZIP by its
 * signature, a JSON document by {@code [} or a multi-line object, JSON Lines by a first line that
 * is a whole object followed by more, and any other text (Markdown, plain text) as a document.
 */
public enum SourceFormat {
  JSON,
  JSONL,
  ZIP,
  TEXT;

  /** How far ahead detection may look; the stream must support mark/reset that far. */
  static final int SNIFF_BYTES = 1 << 20;

  /** Looks at the start of {@code in} (then resets it) and names its format. */
  static SourceFormat detect(InputStream in) throws IOException {
    in.mark(SNIFF_BYTES);
    byte[] head = in.readNBytes(SNIFF_BYTES);
    in.reset();
    return detect(head, head.length);
  }

  static SourceFormat detect(byte[] head, int length) {
    if (length == 0) {
      throw UploadRefusedException.unusable("the file is empty");
    }
    if (startsWith(head, length, 'P', 'K', 3, 4) || startsWith(head, length, 'P', 'K', 5, 6)) {
      return ZIP;
    }
    if (startsWith(head, length, 0x1F, 0x8B)) {
      throw UploadRefusedException.unusable(
          "gzip files are not accepted: upload .json, .jsonl, .md, .txt or a .zip of them");
    }
    if (startsWith(head, length, 0xFE, 0xFF) || startsWith(head, length, 0xFF, 0xFE)) {
      throw UploadRefusedException.unusable("the file is UTF-16 text; save it as UTF-8");
    }
    int start = startsWith(head, length, 0xEF, 0xBB, 0xBF) ? 3 : 0;
    while (start < length && isSpace(head[start])) {
      start++;
    }
    if (start == length) {
      throw UploadRefusedException.unusable("the file is empty (only white space)");
    }
    if (head[start] == '[') {
      return JSON;
    }
    if (head[start] == '{') {
      return firstLineIsWholeObjectFollowedByMore(head, start, length) ? JSONL : JSON;
    }
    if (looksBinary(head, length)) {
      throw UploadRefusedException.unusable(
          "the file is binary data, not JSON, JSON Lines, text or a ZIP archive");
    }
    if (looksLikeHtml(head, start, length)) {
      // Read as text, its tags would be copied into answers.
      throw UploadRefusedException.unusable(
          "the file is an HTML page; save it as Markdown or plain text and upload that");
    }
    return TEXT;
  }

  private static boolean firstLineIsWholeObjectFollowedByMore(byte[] head, int start, int length) {
    int newline = start;
    while (newline < length && head[newline] != '\n') {
      newline++;
    }
    if (newline == length) {
      return false;
    }
    int next = newline;
    while (next < length && isSpace(head[next])) {
      next++;
    }
    if (next == length) {
      return false;
    }
    String line = new String(head, start, newline - start, StandardCharsets.UTF_8);
    try (JsonReader reader = Json.createReader(new StringReader(line))) {
      JsonObject ignored = reader.readObject();
      return ignored != null;
    } catch (JsonException | IllegalStateException e) {
      return false;
    }
  }

  private static boolean looksLikeHtml(byte[] head, int start, int length) {
    String opening =
        new String(head, start, Math.min(length - start, 15), StandardCharsets.US_ASCII)
            .toLowerCase(Locale.ROOT);
    return opening.startsWith("<!doctype html") || opening.startsWith("<html");
  }

  private static boolean looksBinary(byte[] head, int length) {
    int controls = 0;
    int sample = Math.min(length, 4096);
    for (int i = 0; i < sample; i++) {
      int b = head[i] & 0xFF;
      if (b == 0) {
        return true;
      }
      if (b < 0x20 && b != '\n' && b != '\r' && b != '\t') {
        controls++;
      }
    }
    return controls * 10 > sample;
  }

  private static boolean isSpace(byte b) {
    return b == ' ' || b == '\n' || b == '\r' || b == '\t';
  }

  private static boolean startsWith(byte[] head, int length, int... prefix) {
    if (length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if ((head[i] & 0xFF) != prefix[i]) {
        return false;
      }
    }
    return true;
  }
}
