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
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP reverse proxy on 127.0.0.1 in front of instances of the app, as a load balancer without
 * session affinity: each request goes to the backend its {@link Route} picks.
 */
public final class ReverseProxy implements AutoCloseable {
  /** Picks the backend of each request. */
  @FunctionalInterface
  private interface Route {
    String backend(String method);
  }

  /**
   * Headers about one connection rather than the request, which each hop sets itself (Java's client
   * refuses to be given most of them).
   */
  private static final Set<String> HOP_BY_HOP =
      Set.of(
          "connection",
          "content-length",
          "expect",
          "http2-settings",
          "keep-alive",
          "proxy-connection",
          "te",
          "trailer",
          "transfer-encoding",
          "upgrade");

  private final Route route;
  private final List<String> exchanges = Collections.synchronizedList(new ArrayList<>());
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

  /**
   * The JVM option that lets Java's client pass the browser's {@code Host} on, as balancers do: the
   * app's redirects and its pages' form-action policy name the address the browser asked for.
   */
  public static final String KEEP_HOST = "jdk.httpclient.allowRestrictedHeaders";

  private ReverseProxy(Route route) {
    if (!System.getProperty(KEEP_HOST, "").contains("host")) {
      throw new IllegalStateException("Run with -D" + KEEP_HOST + "=host");
    }
    this.route = route;
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/", this::forward);
    server.setExecutor(threads);
  }

  /**
   * A proxy serving at once on a free port that sends each request to the next of {@code backends}
   * (base URLs).
   */
  public static ReverseProxy roundRobin(List<String> backends) {
    return start(inTurn(backends));
  }

  /**
   * A proxy serving at once on a free port that takes every GET (pages, scripts, styles) from the
   * first of {@code backends} and sends the other requests (a form's posts, AJAX included) to each
   * backend in turn, the second first: a form rendered by one instance is posted to another, and
   * each post after the first lands on an instance other than the previous post's.
   */
  public static ReverseProxy pagesFromFirstPostsInTurn(List<String> backends) {
    List<String> secondFirst = new ArrayList<>(backends.subList(1, backends.size()));
    secondFirst.add(backends.get(0));
    Route posts = inTurn(secondFirst);
    return start(method -> method.equals("GET") ? backends.get(0) : posts.backend(method));
  }

  private static Route inTurn(List<String> backends) {
    List<String> order = List.copyOf(backends);
    AtomicInteger next = new AtomicInteger();
    return method -> order.get(Math.floorMod(next.getAndIncrement(), order.size()));
  }

  private static ReverseProxy start(Route route) {
    ReverseProxy proxy = new ReverseProxy(route);
    proxy.server.start();
    return proxy;
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /**
   * What was forwarded where, a line a request ("POST /data.xhtml -> http://... 200"), for a test's
   * messages.
   */
  public String exchanges() {
    synchronized (exchanges) {
      return String.join("\n", exchanges);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }

  private void forward(HttpExchange exchange) throws IOException {
    try (exchange) {
      String backend = route.backend(exchange.getRequestMethod());
      HttpResponse<byte[]> response;
      try {
        response = client.send(request(exchange, backend), HttpResponse.BodyHandlers.ofByteArray());
      } catch (IOException e) {
        record(exchange, backend, e.toString());
        reply(exchange, 502, ("Backend " + backend + ": " + e).getBytes(StandardCharsets.UTF_8));
        return;
      }
      record(exchange, backend, String.valueOf(response.statusCode()));
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

  private void record(HttpExchange exchange, String backend, String outcome) {
    exchanges.add(
        exchange.getRequestMethod()
            + " "
            + exchange.getRequestURI()
            + " -> "
            + backend
            + " "
            + outcome);
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
