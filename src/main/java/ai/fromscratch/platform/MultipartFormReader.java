package ai.fromscratch.platform;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Streams the parts of a {@code multipart/form-data} body one after the other without buffering
 * them, so an upload of hundreds of megabytes passes through a fixed 64 KB buffer. (The JAX-RS
 * runtime's own multipart support spools whole parts to temporary files before the resource sees
 * them, beyond any size limit of ours.)
 */
public final class MultipartFormReader {
  private static final Pattern BOUNDARY =
      Pattern.compile("(?i)boundary=(?:\"([^\"]+)\"|([^;\\s]+))");
  private static final Pattern NAME = Pattern.compile("(?i)(?:^|;)\\s*name=\"([^\"]*)\"");
  private static final Pattern FILE_NAME = Pattern.compile("(?i)(?:^|;)\\s*filename=\"([^\"]*)\"");
  private static final int BUFFER = 1 << 16;
  private static final int MAX_HEADER_LINE = 8192;

  private final InputStream in;
  private final byte[] delimiter;
  private final byte[] buffer;
  private int position;
  private int limit;
  private boolean finished;
  private PartStream current;

  /** One part: its form field name, its file name (null for plain fields) and its content. */
  public record Part(String name, String fileName, String contentType, InputStream content) {}

  /**
   * @throws ApiException 400 when the content type is not multipart or has no boundary
   */
  public MultipartFormReader(InputStream in, String contentType) {
    Matcher matcher = contentType == null ? null : BOUNDARY.matcher(contentType);
    if (matcher == null
        || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")
        || !matcher.find()) {
      throw ApiException.badRequest("Expected a multipart/form-data body with a boundary");
    }
    String boundary = matcher.group(1) != null ? matcher.group(1) : matcher.group(2);
    this.in = in;
    this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
    this.buffer = new byte[BUFFER + delimiter.length];
  }

  /** The next part, after skipping whatever is left of the previous one; empty after the last. */
  public Optional<Part> next() throws IOException {
    if (current == null) {
      skipPreamble();
    } else {
      current.skipRest();
    }
    if (finished) {
      return Optional.empty();
    }
    String disposition = null;
    String type = null;
    for (String line = headerLine(); !line.isEmpty(); line = headerLine()) {
      int colon = line.indexOf(':');
      if (colon < 0) {
        throw malformed("a part header has no colon");
      }
      String header = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
      String value = line.substring(colon + 1).trim();
      if (header.equals("content-disposition")) {
        disposition = value;
      } else if (header.equals("content-type")) {
        type = value;
      }
    }
    if (disposition == null) {
      throw malformed("a part has no Content-Disposition header");
    }
    current = new PartStream();
    return Optional.of(
        new Part(group(NAME, disposition), group(FILE_NAME, disposition), type, current));
  }

  /** The first part that carries a file, skipping plain form fields before it. */
  public Optional<Part> nextFile() throws IOException {
    for (Optional<Part> part = next(); part.isPresent(); part = next()) {
      if (part.get().fileName() != null) {
        return part;
      }
    }
    return Optional.empty();
  }

  private static String group(Pattern pattern, String text) {
    Matcher matcher = pattern.matcher(text);
    return matcher.find() ? matcher.group(1) : null;
  }

  /** Skips to just after the first boundary: the body may have a preamble before it. */
  private void skipPreamble() throws IOException {
    // The first boundary may open the body without the CRLF that precedes later ones.
    limit = 2;
    buffer[0] = '\r';
    buffer[1] = '\n';
    new PartStream().skipRest();
  }

  private String headerLine() throws IOException {
    StringBuilder line = new StringBuilder();
    while (true) {
      int b = readByte();
      if (b < 0) {
        throw malformed("the body ends inside the part headers");
      }
      if (b == '\n') {
        int length = line.length();
        return length > 0 && line.charAt(length - 1) == '\r'
            ? line.substring(0, length - 1)
            : line.toString();
      }
      if (line.length() >= MAX_HEADER_LINE) {
        throw malformed("a part header is too long");
      }
      line.append((char) b);
    }
  }

  private int readByte() throws IOException {
    if (position == limit && fill(1) == 0) {
      return -1;
    }
    return buffer[position++] & 0xFF;
  }

  /** Makes at least {@code wanted} bytes available unless the stream ends; returns how many are. */
  private int fill(int wanted) throws IOException {
    if (limit - position >= wanted) {
      return limit - position;
    }
    System.arraycopy(buffer, position, buffer, 0, limit - position);
    limit -= position;
    position = 0;
    while (limit < wanted) {
      int n = in.read(buffer, limit, buffer.length - limit);
      if (n < 0) {
        break;
      }
      limit += n;
    }
    return limit;
  }

  private int indexOfDelimiter() {
    int last = limit - delimiter.length;
    outer:
    for (int i = position; i <= last; i++) {
      for (int j = 0; j < delimiter.length; j++) {
        if (buffer[i + j] != delimiter[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  private static ApiException malformed(String why) {
    return ApiException.badRequest("Malformed multipart body: " + why);
  }

  /** The content of one part: it ends where the next boundary begins. */
  private final class PartStream extends InputStream {
    private boolean ended;

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] target, int offset, int length) throws IOException {
      if (ended) {
        return -1;
      }
      if (length == 0) {
        return 0;
      }
      fill(delimiter.length + 2);
      int found = indexOfDelimiter();
      int available;
      if (found >= 0) {
        available = found - position;
        if (available == 0) {
          endPart();
          return -1;
        }
      } else if (limit - position < delimiter.length) {
        throw malformed("the body ends before its closing boundary");
      } else {
        // Keep back what could be the start of a boundary split across two reads.
        available = limit - position - delimiter.length + 1;
      }
      int n = Math.min(length, available);
      System.arraycopy(buffer, position, target, offset, n);
      position += n;
      return n;
    }

    /** Consumes the boundary and what follows it: CRLF before another part, "--" at the end. */
    private void endPart() throws IOException {
      ended = true;
      position += delimiter.length;
      fill(2);
      if (limit - position >= 2 && buffer[position] == '-' && buffer[position + 1] == '-') {
        finished = true;
        return;
      }
      while (true) {
        int b = readByte();
        if (b < 0) {
          throw malformed("the body ends after a boundary");
        }
        if (b == '\n') {
          return;
        }
      }
    }

    void skipRest() throws IOException {
      byte[] scratch = new byte[8192];
      while (read(scratch, 0, scratch.length) >= 0) {
        // discard
      }
    }
  }
}
