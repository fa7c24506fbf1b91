package ai.fromscratch.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/** Multipart uploads for tests, streamed from the file as a browser sends them. */
public final class Uploads {
  private Uploads() {}

  public static Http.Reply upload(String url, Path file) {
    return upload(url, file, file.getFileName().toString());
  }

  public static Http.Reply upload(String url, Path file, String fileName) {
    return Http.send(request(url, file, fileName));
  }

  /** An upload by {@code visitor}, with its cookies. */
  public static Http.Reply upload(Http.Visitor visitor, String url, Path file) {
    return visitor.send(request(url, file, file.getFileName().toString()));
  }

  private static HttpRequest.Builder request(String url, Path file, String fileName) {
    String boundary = "----test" + UUID.randomUUID();
    byte[] head =
        ("--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                + fileName
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
            .getBytes(StandardCharsets.UTF_8);
    byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
    try {
      HttpRequest.BodyPublisher body =
          HttpRequest.BodyPublishers.concat(
              HttpRequest.BodyPublishers.ofByteArray(head),
              HttpRequest.BodyPublishers.ofFile(file),
              HttpRequest.BodyPublishers.ofByteArray(tail));
      return HttpRequest.newBuilder(URI.create(url))
          .header("Content-Type", "multipart/form-data; boundary=" + boundary)
          .POST(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A file with the given content under target/, for uploads made up in a test. */
  public static Path file(String name, String content) {
    try {
      Path dir = Files.createDirectories(Path.of("target/test-uploads"));
      return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
