package ai.fromscratch.chat;

import ai.fromscratch.chat.ChatJson.ChatAnswer;
import ai.fromscratch.engine.ActiveModel;
import ai.fromscratch.engine.GenerationResult;
import ai.fromscratch.engine.GenerationService;
import ai.fromscratch.engine.PriorExchange;
import ai.fromscratch.lm.TokenSink;
import ai.fromscratch.platform.ApiException;
import ai.fromscratch.platform.Caller;
import ai.fromscratch.platform.Setting;
import ai.fromscratch.platform.Settings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.util.Optional;

/**
 * Answers chat messages: retrieves from the owner's data, generates with the active model steered
 * by it, and keeps each exchange with all that shaped it, in a conversation of the caller's. With
 * CHAT_HISTORY=off nothing of a chat is kept: the answer has no conversation or exchange id.
 */
@ApplicationScoped
public class ChatService {
  private static final int TITLE_LENGTH = 60;
  private static final String HISTORY_OFF =
      "No earlier conversation or answer: chat history is off";

  @Inject ChatStore store;
  @Inject ConversationService conversations;
  @Inject GenerationService generation;
  @Inject Settings settings;

  /**
   * Answers in the request's conversation, after the exchange before it (its latest, or the one
   * before the turn it is another version of), or in a new one of the caller's named after it.
   */
  public ChatAnswer ask(ChatRequest request, Caller caller, TokenSink sink) {
    ActiveModel model = generation.requireModel();
    Optional<Exchange> alternative = alternative(request, caller);
    Optional<Long> conversationId = conversationFor(request, caller, alternative);
    Optional<Long> turn = alternative.map(Exchange::turn);
    GenerationResult result =
        generation.answer(
            model,
            request.message(),
            continues(request)
                ? conversationId.flatMap(conversation -> exchangeBefore(conversation, turn))
                : Optional.empty(),
            request.sampling(),
            request.useRag(),
            sink);
    Long exchangeId =
        conversationId
            .map(
                conversation ->
                    store
                        .saveExchange(
                            new Exchange(
                                conversation,
                                turn.orElse(null),
                                request.message(),
                                request.optionsJson().toString(),
                                result))
                        .getId())
            .orElse(null);
    return new ChatAnswer(
        conversationId.orElse(null),
        exchangeId,
        turn.orElse(null),
        result.text(),
        result.sources(),
        result.alsoRetrieved(),
        result.attributions(),
        result.model(),
        result.stopReason(),
        result.tokens(),
        result.elapsedMs(),
        result.retrievalMs());
  }

  /** A new answer to one of the caller's exchanges, kept as another version of its turn. */
  public ChatAnswer regenerate(long exchangeId, JsonObject options, Caller caller, TokenSink sink) {
    generation.requireModel();
    if (!historyKept()) {
      throw ApiException.notFound("No answer " + exchangeId + ": chat history is off");
    }
    return ask(
        ChatRequest.regenerate(conversations.ownedExchange(caller, exchangeId), options),
        caller,
        sink);
  }

  /** Whether the request continues a conversation (a new one has nothing before it). */
  private static boolean continues(ChatRequest request) {
    return request.conversationId() != null || request.alternativeOf() != null;
  }

  /**
   * The caller's exchange the request gives another version of (404 unless it is the caller's),
   * read once for all the request needs of it; empty for a new turn.
   */
  private Optional<Exchange> alternative(ChatRequest request, Caller caller) {
    if (request.alternativeOf() == null) {
      return Optional.empty();
    }
    if (!historyKept()) {
      throw ApiException.notFound(HISTORY_OFF);
    }
    return Optional.of(conversations.ownedExchange(caller, request.alternativeOf()));
  }

  private Optional<PriorExchange> exchangeBefore(long conversationId, Optional<Long> turn) {
    return store
        .exchangeBefore(conversationId, turn)
        .map(exchange -> new PriorExchange(exchange.getQuestion(), exchange.getAnswer()));
  }

  /**
   * The conversation the request continues (404 unless it is the caller's), or a new one of the
   * caller's titled after the message; empty when chat history is off. A stream names it before the
   * first token so a stopped answer can be found again.
   */
  public Optional<Long> conversationFor(ChatRequest request, Caller caller) {
    return conversationFor(request, caller, alternative(request, caller));
  }

  private Optional<Long> conversationFor(
      ChatRequest request, Caller caller, Optional<Exchange> alternative) {
    generation.requireModel();
    if (!historyKept()) {
      if (request.conversationId() != null) {
        throw ApiException.notFound(HISTORY_OFF);
      }
      return Optional.empty();
    }
    if (alternative.isPresent()) {
      long conversation = alternative.get().getConversationId();
      if (request.conversationId() != null && request.conversationId() != conversation) {
        throw ApiException.badRequest(
            "alternative_of names an answer of conversation "
                + conversation
                + ", not of "
                + request.conversationId());
      }
      return Optional.of(conversation);
    }
    if (request.conversationId() != null) {
      return Optional.of(conversations.owned(caller, request.conversationId()).getId());
    }
    String owner =
        caller
            .owner()
            .orElseThrow(
                () ->
                    ApiException.badRequest(
                        "Chat keeps your conversations under a cookie: accept the cookie the"
                            + " server sets"));
    String message = request.message().replaceAll("\\s+", " ");
    String title =
        message.length() <= TITLE_LENGTH ? message : message.substring(0, TITLE_LENGTH - 1) + "…";
    return Optional.of(store.createConversation(title, owner).getId());
  }

  /** Whether conversations are kept (CHAT_HISTORY=on). */
  public boolean historyKept() {
    return settings.get(Setting.CHAT_HISTORY).equalsIgnoreCase("on");
  }
}
