package ai.fromscratch.chat;

import ai.fromscratch.chat.ChatJson.ChatAnswer;
import ai.fromscratch.lm.TokenSink;
import ai.fromscratch.platform.ApiError;
import ai.fromscratch.platform.ApiException;
import ai.fromscratch.platform.Caller;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.io.StringReader;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code /api/chat}: a message and its answer, whole ({@code POST}) or as it is generated ({@code
 * GET /api/chat/stream}, server-sent events, so a browser's EventSource can follow it).
 */
@Path("chat")
public class ChatResource {
  private static final Logger LOG = Logger.getLogger(ChatResource.class.getName());
  private static final long SEND_TIMEOUT_SECONDS = 10;

  @Inject ChatService chat;
  @Inject Caller caller;

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  public ChatAnswer ask(JsonObject body) {
    return chat.ask(ChatRequest.from(body), caller, TokenSink.IGNORE);
  }

  /**
   * A new answer to one of the caller's answers' questions, kept as another version of its turn
   * ({@code alternative_of} in the answer): sampled at temperature 0.7 unless the optional body's
   * sampling options say otherwise.
   */
  @POST
  @Path("exchanges/{id}/regenerate")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  public ChatAnswer regenerate(@PathParam("id") long id, String body) {
    return chat.regenerate(id, options(body), caller, TokenSink.IGNORE);
  }

  /** A regeneration's options: an empty body asks for none. */
  private static JsonObject options(String body) {
    if (body == null || body.isBlank()) {
      return JsonValue.EMPTY_JSON_OBJECT;
    }
    try (JsonReader reader = Json.createReader(new StringReader(body))) {
      if (reader.readValue() instanceof JsonObject options) {
        return options;
      }
    }
    throw ApiException.badRequest("The request needs a JSON object as its body");
  }

  /**
   * Streams the answer: a {@code conversation} event names the conversation ({@code
   * {"conversation_id": ...}}), {@code token} events carry the text as it grows ({@code {"text":
   * ...}}), then one {@code done} event carries the whole answer with its sources and timings, or
   * one {@code error} event the reason. Closing the stream stops the generation; what was generated
   * until then is kept.
   */
  @GET
  @Path("stream")
  @Produces(MediaType.SERVER_SENT_EVENTS)
  public void stream(@Context UriInfo uri, @Context SseEventSink sink, @Context Sse sse) {
    try (sink) {
      try {
        ChatRequest request = ChatRequest.fromQuery(uri.getQueryParameters());
        Optional<Long> conversation = chat.conversationFor(request, caller);
        if (conversation.isPresent()) {
          send(
              sink,
              sse,
              "conversation",
              Json.createObjectBuilder().add("conversation_id", conversation.get()).build());
          request = request.in(conversation.get());
        }
        ChatAnswer answer =
            chat.ask(
                request,
                caller,
                (token, piece) ->
                    piece.isEmpty()
                        || send(
                            sink,
                            sse,
                            "token",
                            Json.createObjectBuilder().add("text", piece).build()));
        send(sink, sse, "done", answer);
      } catch (ApiException e) {
        send(sink, sse, "error", new ApiError(e.getMessage(), e.detail()));
      } catch (RuntimeException e) {
        LOG.log(Level.SEVERE, "Chat stream failed", e);
        send(sink, sse, "error", new ApiError("Internal error", null));
      }
    }
  }

  /** Sends one JSON event; false once the client has gone (generation then stops). */
  private static boolean send(SseEventSink sink, Sse sse, String name, Object data) {
    if (sink.isClosed()) {
      return false;
    }
    OutboundSseEvent event =
        sse.newEventBuilder()
            .name(name)
            .mediaType(MediaType.APPLICATION_JSON_TYPE)
            .data(data.getClass(), data)
            .build();
    try {
      sink.send(event).toCompletableFuture().get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
      return true;
    } catch (ExecutionException | TimeoutException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
