package ai.fromscratch.chat;

import ai.fromscratch.chat.ChatViews.ChatAnswer;
import ai.fromscratch.engine.ActiveModel;
import ai.fromscratch.engine.ChatFormat;
import ai.fromscratch.engine.GenerationResult;
import ai.fromscratch.engine.GenerationService;
import ai.fromscratch.lm.TokenSink;
import ai.fromscratch.platform.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;

/**
 * Answers chat messages: retrieves from the owner's data, generates with the active model steered
 * by it, and keeps each exchange with all that shaped it.
 */
@ApplicationScoped
public class ChatService {
  private static final int TITLE_LENGTH = 60;
  private static final Jsonb JSON = JsonbBuilder.create();

  @Inject ChatStore store;
  @Inject GenerationService generation;

  /** Answers in the request's conversation, or in a new one named after the message. */
  public ChatAnswer ask(ChatRequest request, TokenSink sink) {
    ActiveModel model = generation.requireModel();
    long conversationId = conversationFor(request);
    GenerationResult result =
        generation.generate(
            model,
            request.message(),
            ChatFormat.prompt(request.message(), model.tokenizer()),
            request.sampling(),
            request.useRag(),
            sink);
    Exchange exchange =
        store.saveExchange(
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
    return new ChatAnswer(
        conversationId,
        exchange.getId(),
        result.text(),
        result.sources(),
        result.model(),
        result.stopReason(),
        result.tokens(),
        result.elapsedMs(),
        result.retrievalMs());
  }

  /**
   * The conversation the request continues (404 when it does not exist), or a new one titled after
   * the message; a stream names it before the first token so a stopped answer can be found again.
   */
  public long conversationFor(ChatRequest request) {
    generation.requireModel();
    if (request.conversationId() != null) {
      return store
          .conversation(request.conversationId())
          .orElseThrow(() -> ApiException.notFound("No conversation " + request.conversationId()))
          .getId();
    }
    String message = request.message().replaceAll("\\s+", " ");
    String title =
        message.length() <= TITLE_LENGTH ? message : message.substring(0, TITLE_LENGTH - 1) + "…";
    return store.createConversation(title).getId();
  }
}
