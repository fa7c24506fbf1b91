package ai.fromscratch.platform;

import jakarta.json.bind.JsonbException;
import jakarta.json.stream.JsonParsingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Turns every failure of the API into {@code {"error": ..., "detail": ...}} with its status; never
 * a stack trace.
 */
@Provider
public class ApiExceptionMapper implements ExceptionMapper<Throwable> {
  private static final Logger LOG = Logger.getLogger(ApiExceptionMapper.class.getName());

  @Override
  public Response toResponse(Throwable failure) {
    if (failure instanceof ApiException api) {
      Response response = json(api.status(), new ApiError(api.getMessage(), api.detail()));
      if (api.retryAfterSeconds() != null) {
        response.getHeaders().putSingle("Retry-After", String.valueOf(api.retryAfterSeconds()));
      }
      return response;
    }
    if (failure instanceof WebApplicationException web) {
      return fromWebApplicationException(web);
    }
    Throwable badJson = causeOf(failure, JsonbException.class, JsonParsingException.class);
    if (badJson != null) {
      return json(
          400,
          new ApiError(
              "The request body is not valid JSON for this call", firstLine(badJson.getMessage())));
    }
    String incident = UUID.randomUUID().toString();
    LOG.log(Level.SEVERE, "Unexpected failure, incident " + incident, failure);
    return json(500, new ApiError("Internal error", "incident " + incident));
  }

  private Response fromWebApplicationException(WebApplicationException web) {
    int status = web.getResponse().getStatus();
    Throwable badJson = causeOf(web, JsonbException.class, JsonParsingException.class);
    if (badJson != null) {
      return json(
          400,
          new ApiError(
              "The request body is not valid JSON for this call", firstLine(badJson.getMessage())));
    }
    String message =
        switch (status) {
          case 404 -> "Not found";
          case 405 -> "Method not allowed";
          case 406 -> "Not acceptable";
          case 415 -> "Unsupported media type";
          default ->
              Response.Status.Family.familyOf(status) == Response.Status.Family.SERVER_ERROR
                  ? "Internal error"
                  : "Bad request";
        };
    if (status >= 500) {
      LOG.log(Level.SEVERE, "Server error in the API", web);
    }
    return json(status, new ApiError(message, status >= 500 ? null : firstLine(web.getMessage())));
  }

  @SafeVarargs
  private static Throwable causeOf(Throwable failure, Class<? extends Throwable>... types) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      for (Class<? extends Throwable> type : types) {
        if (type.isInstance(t)) {
          return t;
        }
      }
    }
    return null;
  }

  private static String firstLine(String message) {
    if (message == null) {
      return null;
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }

  private static Response json(int status, ApiError error) {
    return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(error).build();
  }
}
