package ai.fromscratch.testing;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A small HTTP client for the integration tests: real requests to the real server. The static calls
 * share one cookie jar (one visitor, as one browser would be); a {@link Visitor} has its own.
 */
public final class Http {
  private static final Visitor SHARED = new Visitor();

  private Http() {}

  /** A client with a cookie jar of its own: another browser, so another visitor. */
  public static final class Visitor {
    private final HttpClient client =
        HttpClient.newBuilder()
            // Java's client asks plain-HTTP servers for HTTP/2 (h2c), which hung the server's
            // threads on forwarded pages until it spoke HTTP/1.1 only: left on, to keep it so.
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
            .build();

    public Reply get(String url) {
      return send(HttpRequest.newBuilder(URI.create(url)).GET());
    }

    public Reply postJson(String url, String json) {
      return send(
          HttpRequest.newBuilder(URI.create(url))
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Reply delete(String url) {
      return send(HttpRequest.newBuilder(URI.create(url)).DELETE());
    }

    public Reply send(HttpRequest.Builder request) {
      try {
        HttpResponse<String> response =
            client.send(
                request.timeout(Duration.ofSeconds(120)).build(),
                HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), response.body(), response.headers());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  /** A response with its body read as text. */
  public record Reply(int status, String body, java.net.http.HttpHeaders headers) {
    public JsonObject json() {
      try (JsonReader reader = Json.createReader(new StringReader(body))) {
        return reader.readObject();
      }
    }

    public JsonArray jsonArray() {
      try (JsonReader reader = Json.createReader(new StringReader(body))) {
        return reader.readArray();
      }
    }

    public String contentType() {
      return headers.firstValue("Content-Type").orElse("");
    }
  }

  public static Reply get(String url) {
    return send(HttpRequest.newBuilder(URI.create(url)).GET());
  }

  public static Reply post(String url, String contentType, String body) {
    return send(
        HttpRequest.newBuilder(URI.create(url))
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  public static Reply postJson(String url, String json) {
    return post(url, "application/json", json);
  }

  /**
   * {@code method path} sent exactly as written over a plain socket (Java's client may tidy a path,
   * an attacker's does not): the status, the headers and the body as text.
   */
  public static Reply raw(String base, String method, String path) {
    URI uri = URI.create(base);
    try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
      socket.setSoTimeout(30_000);
      socket
          .getOutputStream()
          .write(
              (method
                      + " "
                      + path
                      + " HTTP/1.1\r\nHost: "
                      + uri.getHost()
                      + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                  .getBytes(StandardCharsets.ISO_8859_1));
      String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      int end = response.indexOf("\r\n\r\n");
      String[] head = response.substring(0, end < 0 ? response.length() : end).split("\r\n");
      Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
      for (int i = 1; i < head.length; i++) {
        int colon = head[i].indexOf(':');
        if (colon > 0) {
          headers
              .computeIfAbsent(head[i].substring(0, colon).strip(), name -> new ArrayList<>())
              .add(head[i].substring(colon + 1).strip());
        }
      }
      return new Reply(
          Integer.parseInt(head[0].split(" ", 3)[1]),
          end < 0 ? "" : response.substring(end + 4),
          HttpHeaders.of(headers, (name, value) -> true));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static Reply send(HttpRequest.Builder request) {
    return SHARED.send(request);
  }
}
