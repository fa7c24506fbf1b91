package ai.fromscratch.chat;

import ai.fromscratch.chat.ChatViews.ConversationSummary;
import ai.fromscratch.chat.ChatViews.ConversationView;
import ai.fromscratch.chat.ChatViews.ExchangeView;
import ai.fromscratch.chat.ChatViews.RatedAnswer;
import ai.fromscratch.chat.ChatViews.RatingView;
import ai.fromscratch.platform.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/** Conversations and ratings: listing, reading, renaming, deleting, rating. */
@ApplicationScoped
public class ConversationService {
  public static final int MAX_LIST = 500;

  @Inject ChatStore store;

  public List<ConversationSummary> list(String query, int limit) {
    return store.conversations(query, limit).stream()
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

  public ConversationView get(long id) {
    Conversation conversation = conversation(id);
    List<ExchangeView> exchanges =
        store.exchanges(id).stream()
            .map(e -> ExchangeView.of(e, store.rating(e.getId()).orElse(null)))
            .toList();
    return new ConversationView(
        id, conversation.getTitle(), conversation.getCreatedAt(), exchanges);
  }

  public ConversationView rename(long id, String title) {
    conversation(id);
    String clean = title == null ? "" : title.strip();
    if (clean.isEmpty() || clean.length() > Conversation.MAX_TITLE) {
      throw ApiException.badRequest("title must be 1 to " + Conversation.MAX_TITLE + " characters");
    }
    store.rename(id, clean);
    return get(id);
  }

  public void delete(long id) {
    conversation(id);
    store.delete(id);
  }

  /** Rates an answer up (+1) or down (-1), replacing an earlier rating of it. */
  public RatingView rate(long exchangeId, int value, String comment) {
    if (value != 1 && value != -1) {
      throw ApiException.badRequest("rating must be up or down");
    }
    if (comment != null && comment.length() > Rating.MAX_COMMENT) {
      throw ApiException.badRequest(
          "comment must be at most " + Rating.MAX_COMMENT + " characters");
    }
    store.exchange(exchangeId).orElseThrow(() -> ApiException.notFound("No answer " + exchangeId));
    return RatingView.of(store.rate(exchangeId, value, comment));
  }

  /** Rated answers matching the filter, newest first. */
  public List<RatedAnswer> ratings(RatingFilter filter, int limit) {
    return store.ratings(filter, limit).stream().map(RatedAnswer::of).toList();
  }

  private Conversation conversation(long id) {
    return store.conversation(id).orElseThrow(() -> ApiException.notFound("No conversation " + id));
  }
}
