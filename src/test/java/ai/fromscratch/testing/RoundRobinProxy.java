package ai.fromscratch.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** An HTTP reverse proxy on 127.0.0.1 that sends each request to the next of its backends. */
public final class RoundRobinProxy implements AutoCloseable {
  /**
   * Headers about one connection rather than the request, which each hop sets itself (Java's client
   * refuses to be given most of them).
   */
  private static final Set<String> HOP_BY_HOP =
      Set.of(
          "connection",
          "content-length",
          "expect",
          "host",
          "http2-settings",
          "keep-alive",
          "proxy-connection",
          "te",
          "trailer",
          "transfer-encoding",
          "upgrade");

  private final List<String> backends;
  private final AtomicInteger next = new AtomicInteger();
  private final HttpClient client =
      HttpClient.newBuilder()
          // The backends speak HTTP/1.1 only: no h2c upgrade asked on each new connection.
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          // Redirects and cookies are the browser's business: passed back to it as they came.
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final HttpServer server;

  private RoundRobinProxy(List<String> backends) {
    this.backends = List.copyOf(backends);
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/", this::forward);
    server.setExecutor(threads);
  }

  /** A proxy serving at once on a free port, in front of {@code backends} (base URLs). */
  public static RoundRobinProxy start(List<String> backends) {
    RoundRobinProxy proxy = new RoundRobinProxy(backends);
    proxy.server.start();
    return proxy;
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }

  private void forward(HttpExchange exchange) throws IOException {
    try (exchange) {
      String backend = backends.get(Math.floorMod(next.getAndIncrement(), backends.size()));
      HttpResponse<byte[]> response;
      try {
        response = client.send(request(exchange, backend), HttpResponse.BodyHandlers.ofByteArray());
      } catch (IOException e) {
        reply(exchange, 502, ("Backend " + backend + ": " + e).getBytes(StandardCharsets.UTF_8));
        return;
      }
      response
          .headers()
          .map()
          .forEach(
              (name, values) -> {
                if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT))) {
                  exchange.getResponseHeaders().put(name, values);
                }
              });
      reply(exchange, response.statusCode(), response.body());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static HttpRequest request(HttpExchange exchange, String backend) throws IOException {
    byte[] body = exchange.getRequestBody().readAllBytes();
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(backend + exchange.getRequestURI()))
            .timeout(Duration.ofSeconds(120))
            .method(
                exchange.getRequestMethod(),
                body.length == 0
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body));
    exchange
        .getRequestHeaders()
        .forEach(
            (name, values) -> {
              if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(value -> request.header(name, value));
              }
            });
    return request.build();
  }

  private static void reply(HttpExchange exchange, int status, byte[] body) throws IOException {
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    exchange.getResponseBody().write(body);
  }
}
