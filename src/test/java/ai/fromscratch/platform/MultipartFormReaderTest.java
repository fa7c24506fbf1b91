package ai.fromscratch.platform;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MultipartFormReaderTest {
  private static final String TYPE = "multipart/form-data; boundary=----XyZ";

  private static byte[] body(String... parts) {
    return String.join("", parts).getBytes(StandardCharsets.ISO_8859_1);
  }

  /** Hands out at most a few bytes per read, as a slow network would. */
  private static InputStream trickle(byte[] bytes) {
    Random random = new Random(1);
    return new FilterInputStream(new ByteArrayInputStream(bytes)) {
      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        return super.read(b, off, Math.min(len, 1 + random.nextInt(7)));
      }
    };
  }

  @Test
  void readsAFieldThenAFile() throws IOException {
    byte[] body =
        body(
            "------XyZ\r\n",
            "Content-Disposition: form-data; name=\"note\"\r\n\r\n",
            "hello\r\n",
            "------XyZ\r\n",
            "Content-Disposition: form-data; name=\"file\"; filename=\"data.jsonl\"\r\n",
            "Content-Type: application/octet-stream\r\n\r\n",
            "{\"text\":\"a\"}\r\n{\"text\":\"b\"}\n\r\n",
            "------XyZ--\r\n");

    MultipartFormReader reader = new MultipartFormReader(trickle(body), TYPE);
    MultipartFormReader.Part note = reader.next().orElseThrow();
    assertEquals("note", note.name());
    assertEquals("hello", new String(note.content().readAllBytes(), StandardCharsets.UTF_8));
    MultipartFormReader.Part file = reader.next().orElseThrow();

    assertEquals("data.jsonl", file.fileName());
    assertEquals("application/octet-stream", file.contentType());
    assertEquals(
        "{\"text\":\"a\"}\r\n{\"text\":\"b\"}\n",
        new String(file.content().readAllBytes(), StandardCharsets.UTF_8));
    assertTrue(reader.next().isEmpty());
  }

  @Test
  void nextFileSkipsFieldsAndUnreadContent() throws IOException {
    byte[] body =
        body(
            "preamble to ignore\r\n------XyZ\r\n",
            "Content-Disposition: form-data; name=\"a\"\r\n\r\n",
            "x".repeat(200_000),
            "\r\n------XyZ\r\n",
            "Content-Disposition: form-data; name=\"file\"; filename=\"f.json\"\r\n\r\n",
            "[1]\r\n------XyZ--");

    MultipartFormReader.Part file =
        new MultipartFormReader(new ByteArrayInputStream(body), TYPE).nextFile().orElseThrow();

    assertEquals("[1]", new String(file.content().readAllBytes(), StandardCharsets.UTF_8));
  }

  @Test
  void binaryContentWithBoundaryLookalikesPassesUnchanged() throws IOException {
    byte[] content = new byte[300_000];
    new Random(7).nextBytes(content);
    byte[] lookalike = "\r\n------XyY".getBytes(StandardCharsets.ISO_8859_1);
    System.arraycopy(lookalike, 0, content, 65_530, lookalike.length);
    byte[] head =
        body(
            "------XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"b.zip\"\r\n\r\n");
    byte[] tail = body("\r\n------XyZ--\r\n");
    byte[] body = new byte[head.length + content.length + tail.length];
    System.arraycopy(head, 0, body, 0, head.length);
    System.arraycopy(content, 0, body, head.length, content.length);
    System.arraycopy(tail, 0, body, head.length + content.length, tail.length);

    MultipartFormReader.Part file =
        new MultipartFormReader(trickle(body), TYPE).nextFile().orElseThrow();

    assertArrayEquals(content, file.content().readAllBytes());
  }

  @Test
  void quotedBoundaryIsUnderstood() throws IOException {
    byte[] body =
        body(
            "--a b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"x\"\r\n\r\n",
            "ok\r\n--a b--\r\n");

    MultipartFormReader.Part file =
        new MultipartFormReader(
                new ByteArrayInputStream(body), "multipart/form-data; boundary=\"a b\"")
            .nextFile()
            .orElseThrow();

    assertEquals("ok", new String(file.content().readAllBytes(), StandardCharsets.UTF_8));
  }

  @Test
  void bodyCutBeforeItsClosingBoundaryIsABadRequest() throws IOException {
    byte[] body =
        body(
            "------XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"x\"\r\n\r\n",
            "truncated content with no end");
    MultipartFormReader.Part file =
        new MultipartFormReader(new ByteArrayInputStream(body), TYPE).nextFile().orElseThrow();

    ApiException error = assertThrows(ApiException.class, () -> file.content().readAllBytes());

    assertEquals(400, error.status());
    assertEquals(
        "Malformed multipart body: the body ends before its closing boundary", error.getMessage());
  }

  @Test
  void nonMultipartContentTypeIsABadRequest() {
    ApiException error =
        assertThrows(
            ApiException.class,
            () ->
                new MultipartFormReader(new ByteArrayInputStream(new byte[0]), "application/json"));

    assertEquals(400, error.status());
  }

  @Test
  void partWithoutDispositionIsABadRequest() {
    byte[] body = body("------XyZ\r\nContent-Type: text/plain\r\n\r\nx\r\n------XyZ--");

    assertThrows(
        ApiException.class,
        () -> new MultipartFormReader(new ByteArrayInputStream(body), TYPE).next());
  }
}
