package ai.fromscratch.synth;

import ai.fromscratch.platform.Setting;
import ai.fromscratch.platform.Settings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.io.StringReader;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.rest.client.RestClientBuilder;

/**
 * Asks Groq for one completion. The key goes only into the Authorization header of the request; it
 * is never logged and never part of an error message.
 */
@ApplicationScoped
public class GroqClient {
  /** The default mapper would turn every 4xx and 5xx into an exception without its headers. */
  private static final String DISABLE_DEFAULT_MAPPER =
      "microprofile.rest.client.disable.default.mapper";

  @Inject Settings settings;

  public boolean hasKey() {
    return !settings.get(Setting.GROQ_API_KEY).isBlank();
  }

  public String model() {
    return settings.get(Setting.GROQ_MODEL);
  }

  /** The text of the first choice Groq gives for these messages. */
  public String complete(String system, String user, double temperature) throws GroqException {
    JsonObject request =
        Json.createObjectBuilder()
            .add("model", model())
            .add("temperature", temperature)
            .add(
                "messages",
                Json.createArrayBuilder()
                    .add(Json.createObjectBuilder().add("role", "system").add("content", system))
                    .add(Json.createObjectBuilder().add("role", "user").add("content", user)))
            .build();
    try (GroqApi api = api()) {
      try (Response response =
          api.chatCompletions("Bearer " + settings.get(Setting.GROQ_API_KEY), request)) {
        return read(response);
      }
    } catch (ProcessingException e) {
      throw new GroqException(
          GroqException.Kind.TRANSIENT,
          timedOut(e)
              ? "Groq did not answer within " + settings.getInt(Setting.GROQ_TIMEOUT_SECONDS) + " s"
              : "Groq could not be reached (" + rootMessage(e) + ")");
    } catch (GroqException e) {
      throw e;
    } catch (Exception e) {
      throw new GroqException(GroqException.Kind.TRANSIENT, "Groq call failed: " + rootMessage(e));
    }
  }

  private GroqApi api() {
    long timeout = settings.getInt(Setting.GROQ_TIMEOUT_SECONDS);
    return RestClientBuilder.newBuilder()
        .baseUri(URI.create(settings.get(Setting.GROQ_BASE_URL)))
        .connectTimeout(timeout, TimeUnit.SECONDS)
        .readTimeout(timeout, TimeUnit.SECONDS)
        .property(DISABLE_DEFAULT_MAPPER, true)
        .build(GroqApi.class);
  }

  private static String read(Response response) throws GroqException {
    int status = response.getStatus();
    String body = response.hasEntity() ? response.readEntity(String.class) : "";
    if (status == 401 || status == 403) {
      throw new GroqException(
          GroqException.Kind.UNAUTHORIZED,
          "Groq refused the API key (HTTP " + status + "): check GROQ_API_KEY");
    }
    if (status == 429) {
      throw new GroqException(
          GroqException.Kind.RATE_LIMITED,
          "Groq's rate limit was reached (HTTP 429)",
          retryAfter(response.getHeaderString(HttpHeaders.RETRY_AFTER)));
    }
    if (status >= 500) {
      throw new GroqException(GroqException.Kind.TRANSIENT, "Groq failed (HTTP " + status + ")");
    }
    if (status != 200) {
      throw new GroqException(
          GroqException.Kind.REJECTED,
          "Groq refused the request (HTTP " + status + "): " + errorMessage(body));
    }
    try (JsonReader reader = Json.createReader(new StringReader(body))) {
      JsonArray choices = reader.readObject().getJsonArray("choices");
      return choices.getJsonObject(0).getJsonObject("message").getString("content");
    } catch (JsonException
        | ClassCastException
        | NullPointerException
        | IndexOutOfBoundsException e) {
      throw new GroqException(
          GroqException.Kind.TRANSIENT, "Groq's answer was not a chat completion");
    }
  }

  /** Retry-After in seconds or as an HTTP date; null when absent or unreadable. */
  static Duration retryAfter(String header) {
    if (header == null || header.isBlank()) {
      return null;
    }
    try {
      return Duration.ofMillis(Math.round(Double.parseDouble(header.strip()) * 1000));
    } catch (NumberFormatException e) {
      try {
        ZonedDateTime at =
            ZonedDateTime.parse(header.strip(), DateTimeFormatter.RFC_1123_DATE_TIME);
        Duration wait = Duration.between(ZonedDateTime.now(at.getZone()), at);
        return wait.isNegative() ? Duration.ZERO : wait;
      } catch (DateTimeParseException notADate) {
        return null;
      }
    }
  }

  private static String errorMessage(String body) {
    try (JsonReader reader = Json.createReader(new StringReader(body))) {
      return reader.readObject().getJsonObject("error").getString("message");
    } catch (JsonException | ClassCastException | NullPointerException e) {
      return body.length() > 200 ? body.substring(0, 200) + "…" : body;
    }
  }

  private static boolean timedOut(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SocketTimeoutException || t instanceof HttpTimeoutException) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }

  private static String rootMessage(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getClass().getSimpleName()
        + (root.getMessage() == null ? "" : ": " + root.getMessage());
  }
}
