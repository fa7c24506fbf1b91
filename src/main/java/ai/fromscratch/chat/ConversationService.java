package ai.fromscratch.chat;

import ai.fromscratch.chat.ChatJson.ConversationJson;
import ai.fromscratch.chat.ChatJson.ConversationSummary;
import ai.fromscratch.chat.ChatJson.ExchangeJson;
import ai.fromscratch.chat.ChatJson.RatedAnswer;
import ai.fromscratch.chat.ChatJson.RatingJson;
import ai.fromscratch.platform.ApiException;
import ai.fromscratch.platform.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/**
 * Conversations and ratings: listing, reading, renaming, deleting, rating. A caller sees and
 * changes only their own; anyone else's conversation answers 404, as if it did not exist. The admin
 * may open anyone's, and the Admin page lists everyone's.
 */
@ApplicationScoped
public class ConversationService {
  public static final int MAX_LIST = 500;

  @Inject ChatStore store;

  /** The caller's own conversations (none for a visitor without an id yet). */
  public List<ConversationSummary> list(Caller caller, String query, int limit) {
    return caller.owner().map(owner -> summaries(owner, query, limit)).orElse(List.of());
  }

  /** Everyone's conversations, for the Admin page. */
  public List<ConversationSummary> listEveryones(int limit) {
    return summaries(null, null, limit);
  }

  private List<ConversationSummary> summaries(String owner, String query, int limit) {
    return store.conversations(owner, query, limit).stream()
        .map(
            c ->
                new ConversationSummary(
                    c.getId(),
                    c.getTitle(),
                    store.exchangeCount(c.getId()),
                    c.getCreatedAt(),
                    c.getUpdatedAt()))
        .toList();
  }

  public ConversationJson get(Caller caller, long id) {
    Conversation conversation = owned(caller, id);
    List<ExchangeJson> exchanges =
        store.exchanges(id).stream()
            .map(e -> ExchangeJson.of(e, store.rating(e.getId()).orElse(null)))
            .toList();
    return new ConversationJson(
        id, conversation.getTitle(), conversation.getCreatedAt(), exchanges);
  }

  public ConversationJson rename(Caller caller, long id, String title) {
    owned(caller, id);
    String clean = title == null ? "" : title.strip();
    if (clean.isEmpty() || clean.length() > Conversation.MAX_TITLE) {
      throw ApiException.badRequest("title must be 1 to " + Conversation.MAX_TITLE + " characters");
    }
    store.rename(id, clean);
    return get(caller, id);
  }

  public void delete(Caller caller, long id) {
    owned(caller, id);
    store.delete(id);
  }

  /** Deletes all of the caller's own conversations, answers and ratings; returns how many. */
  public int deleteAll(Caller caller) {
    return caller.owner().map(store::deleteAllOf).orElse(0);
  }

  /** Rates one of the caller's answers up (+1) or down (-1), replacing an earlier rating of it. */
  public RatingJson rate(Caller caller, long exchangeId, int value, String comment) {
    if (value != 1 && value != -1) {
      throw ApiException.badRequest("rating must be up or down");
    }
    if (comment != null && comment.length() > Rating.MAX_COMMENT) {
      throw ApiException.badRequest(
          "comment must be at most " + Rating.MAX_COMMENT + " characters");
    }
    ownedExchange(caller, exchangeId);
    return RatingJson.of(store.rate(exchangeId, value, comment));
  }

  /** The exchange, if the caller may see it: 404 otherwise, as for one that does not exist. */
  Exchange ownedExchange(Caller caller, long exchangeId) {
    return store
        .exchange(exchangeId)
        .filter(exchange -> ownedBy(caller, exchange.getConversationId()))
        .orElseThrow(() -> ApiException.notFound("No answer " + exchangeId));
  }

  /** Rated answers matching the filter, newest first (everyone's: the Admin page's list). */
  public List<RatedAnswer> ratings(RatingFilter filter, int limit) {
    return store.ratings(filter, limit).stream().map(RatedAnswer::of).toList();
  }

  /** The conversation, if the caller may see it: 404 otherwise, as for one that does not exist. */
  Conversation owned(Caller caller, long id) {
    return store
        .conversation(id)
        .filter(conversation -> caller.owns(conversation.getOwner()))
        .orElseThrow(() -> ApiException.notFound("No conversation " + id));
  }

  private boolean ownedBy(Caller caller, long conversationId) {
    return store
        .conversation(conversationId)
        .map(conversation -> caller.owns(conversation.getOwner()))
        .orElse(false);
  }
}
