package ai.fromscratch.chat;

import ai.fromscratch.chat.ChatViews.ChatAnswer;
import ai.fromscratch.engine.ActiveModel;
import ai.fromscratch.engine.ChatFormat;
import ai.fromscratch.engine.GenerationResult;
import ai.fromscratch.engine.GenerationService;
import ai.fromscratch.lm.TokenSink;
import ai.fromscratch.platform.ApiException;
import ai.fromscratch.platform.Caller;
import ai.fromscratch.platform.Setting;
import ai.fromscratch.platform.Settings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.util.Optional;

/**
 * Answers chat messages: retrieves from the owner's data, generates with the active model steered
 * by it, and keeps each exchange with all that shaped it, in a conversation of the caller's. With
 * CHAT_HISTORY=off nothing of a chat is kept: the answer has no conversation or exchange id.
 */
@ApplicationScoped
public class ChatService {
  private static final int TITLE_LENGTH = 60;
  private static final Jsonb JSON = JsonbBuilder.create();

  @Inject ChatStore store;
  @Inject ConversationService conversations;
  @Inject GenerationService generation;
  @Inject Settings settings;

  /** Answers in the request's conversation, or in a new one of the caller's named after it. */
  public ChatAnswer ask(ChatRequest request, Caller caller, TokenSink sink) {
    ActiveModel model = generation.requireModel();
    Optional<Long> conversationId = conversationFor(request, caller);
    GenerationResult result =
        generation.generate(
            model,
            request.message(),
            ChatFormat.prompt(request.message(), model.tokenizer()),
            request.sampling(),
            request.useRag(),
            sink);
    Long exchangeId =
        conversationId
            .map(conversation -> keep(conversation, request, result).getId())
            .orElse(null);
    return new ChatAnswer(
        conversationId.orElse(null),
        exchangeId,
        result.text(),
        result.sources(),
        result.model(),
        result.stopReason(),
        result.tokens(),
        result.elapsedMs(),
        result.retrievalMs());
  }

  private Exchange keep(long conversationId, ChatRequest request, GenerationResult result) {
    return store.saveExchange(
        new Exchange(
            conversationId,
            request.message(),
            result.text(),
            JSON.toJson(result.sources()),
            request.optionsJson().toString(),
            result.model(),
            result.stopReason(),
            result.tokens(),
            result.elapsedMs(),
            result.retrievalMs()));
  }

  /**
   * The conversation the request continues (404 unless it is the caller's), or a new one of the
   * caller's titled after the message; empty when chat history is off. A stream names it before the
   * first token so a stopped answer can be found again.
   */
  public Optional<Long> conversationFor(ChatRequest request, Caller caller) {
    generation.requireModel();
    if (!historyKept()) {
      if (request.conversationId() != null) {
        throw ApiException.notFound(
            "No conversation " + request.conversationId() + ": chat history is off");
      }
      return Optional.empty();
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
