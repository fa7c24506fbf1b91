package ai.fromscratch.dataset;

import jakarta.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * Reads a Markdown or plain-text document as {@code {"text"}} records: the whole document when it
 * holds at most MAX_RECORD_CHARS characters, otherwise pieces that do, each cut before a Markdown
 * heading where one lies in its second half, else after a blank line there, else at a line's end.
 * Retrieval then cuts each record along its headings and paragraphs. Streams: it never holds more
 * than one piece. A document with a byte that is not UTF-8, or a line longer than a record, is
 * refused as a whole (with where): a document with holes would answer wrongly.
 */
final class TextDocumentReader {
  private final int maxRecordChars;
  private final StringBuilder piece = new StringBuilder();
  private long pieceFirstLine = 1;
  private int headingAt = -1;
  private int paragraphAt = -1;

  TextDocumentReader(int maxRecordChars) {
    this.maxRecordChars = maxRecordChars;
  }

  void read(InputStream in, String prefix, RecordSink sink) throws IOException {
    Utf8Lines lines = new Utf8Lines(in, maxRecordChars);
    while (lines.next()) {
      String line = lines.overLong() ? null : lines.text();
      if (line == null || line.length() >= maxRecordChars) {
        String problem = line == null && !lines.overLong() ? lines.notUtf8() : tooLong();
        sink.reject(new Rejection(prefix + "line " + lines.number(), problem));
        return;
      }
      line = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
      while (piece.length() + line.length() + 1 > maxRecordChars) {
        emit(cut(), prefix, lines.number(), sink);
      }
      add(line);
    }
    emit(piece.length(), prefix, lines.number() + 1, sink);
  }

  private void add(String line) {
    if (line.startsWith("#") && piece.length() > maxRecordChars / 2) {
      headingAt = piece.length();
    }
    piece.append(line).append('\n');
    if (line.isBlank() && piece.length() > maxRecordChars / 2) {
      paragraphAt = piece.length();
    }
  }

  /** Where the full piece ends: before its last heading, after its last blank line, or here. */
  private int cut() {
    return headingAt > 0 ? headingAt : paragraphAt > 0 ? paragraphAt : piece.length();
  }

  /** Hands on the piece's first {@code end} characters and keeps the rest for the next piece. */
  private void emit(int end, String prefix, long nextLine, RecordSink sink) {
    String text = piece.substring(0, end).strip();
    String rest = piece.substring(end);
    long restLines = rest.chars().filter(c -> c == '\n').count();
    long lastLine = nextLine - 1 - restLines;
    if (!text.isEmpty()) {
      String location = prefix + "lines " + pieceFirstLine + "–" + lastLine;
      String original = Json.createObjectBuilder().add("text", text).build().toString();
      sink.accept(
          new ParsedRecord(
              location, RecordSchema.TEXT, List.of(new Turn(Turn.TEXT, text)), original));
    }
    piece.setLength(0);
    piece.append(rest);
    pieceFirstLine = lastLine + 1;
    headingAt = -1;
    paragraphAt = -1;
  }

  private String tooLong() {
    return "a line is longer than the limit of "
        + String.format("%,d", maxRecordChars)
        + " characters for a record (MAX_RECORD_CHARS); the document was not read";
  }
}
