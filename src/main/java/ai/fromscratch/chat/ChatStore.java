package ai.fromscratch.chat;

import ai.fromscratch.platform.Caller;
import ai.fromscratch.platform.RetriedOnConflict;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/** Conversations, exchanges and ratings in the database; every method is a short transaction. */
@ApplicationScoped
@Transactional
@RetriedOnConflict
public class ChatStore {
  @PersistenceContext(unitName = "fromscratch")
  EntityManager em;

  public Conversation createConversation(String title, String owner) {
    Conversation conversation = new Conversation(title, owner);
    em.persist(conversation);
    em.flush();
    return conversation;
  }

  public Optional<Conversation> conversation(long id) {
    return Optional.ofNullable(em.find(Conversation.class, id));
  }

  public Exchange saveExchange(Exchange exchange) {
    em.persist(exchange);
    Conversation conversation = em.find(Conversation.class, exchange.getConversationId());
    if (conversation != null) {
      conversation.touched();
    }
    em.flush();
    return exchange;
  }

  /**
   * Conversations, most recent first: of {@code owner}, or everyone's when it is null; with a
   * query, those whose title or questions hold it.
   */
  public List<Conversation> conversations(String owner, String query, int limit) {
    List<String> conditions = new ArrayList<>();
    if (owner != null) {
      conditions.add("c.owner = :owner");
    }
    boolean searched = query != null && !query.isBlank();
    if (searched) {
      conditions.add(
          "(LOWER(c.title) LIKE :p OR EXISTS (SELECT e FROM Exchange e WHERE e.conversationId ="
              + " c.id AND LOWER(e.question) LIKE :p))");
    }
    TypedQuery<Conversation> select =
        em.createQuery(
            "SELECT c FROM Conversation c"
                + (conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions))
                + " ORDER BY c.updatedAt DESC, c.id DESC",
            Conversation.class);
    if (owner != null) {
      select.setParameter("owner", owner);
    }
    if (searched) {
      select.setParameter("p", "%" + query.strip().toLowerCase(Locale.ROOT) + "%");
    }
    return select.setMaxResults(limit).getResultList();
  }

  /** Gives the conversations kept from before owners existed to the admin; returns how many. */
  public int giveOwnerlessToAdmin() {
    return em.createQuery("UPDATE Conversation c SET c.owner = :admin WHERE c.owner IS NULL")
        .setParameter("admin", Caller.ADMIN)
        .executeUpdate();
  }

  public long exchangeCount(long conversationId) {
    return em.createQuery("SELECT COUNT(e) FROM Exchange e WHERE e.conversationId = :c", Long.class)
        .setParameter("c", conversationId)
        .getSingleResult();
  }

  /** The conversation's exchanges, oldest first. */
  public List<Exchange> exchanges(long conversationId) {
    return ofConversation(conversationId).sorted(OLDEST_FIRST).toList();
  }

  /**
   * The exchange a message comes after: the conversation's latest, or for another version of a turn
   * the latest of the turns before it.
   */
  public Optional<Exchange> exchangeBefore(long conversationId, Optional<Long> turn) {
    return ofConversation(conversationId)
        .filter(exchange -> turn.isEmpty() || exchange.turn() < turn.get())
        .max(OLDEST_FIRST);
  }

  private static final Comparator<Exchange> OLDEST_FIRST =
      Comparator.comparing(Exchange::getCreatedAt).thenComparing(Exchange::getId);

  /**
   * A conversation's exchanges in no order, so that the database reads them by the conversation's
   * index rather than walking the CREATED_AT index through everyone's to order them. A
   * conversation's are few: they are ordered here.
   */
  private Stream<Exchange> ofConversation(long conversationId) {
    return em.createQuery("SELECT e FROM Exchange e WHERE e.conversationId = :c", Exchange.class)
        .setParameter("c", conversationId)
        .getResultStream();
  }

  public Optional<Exchange> exchange(long id) {
    return Optional.ofNullable(em.find(Exchange.class, id));
  }

  /** The exchanges since {@code since}, as analytics counts them. */
  public List<AskedFigures> askedSince(Instant since) {
    return em.createQuery(
            "SELECT NEW ai.fromscratch.chat.AskedFigures(e.id, e.conversationId,"
                + " e.createdAt, e.question, e.latencyMs, e.answerTokens)"
                + " FROM Exchange e WHERE e.createdAt >= :since",
            AskedFigures.class)
        .setParameter("since", since)
        .getResultList();
  }

  /** The ratings given since {@code since}, as analytics counts them. */
  public List<RatedFigures> ratedSince(Instant since) {
    return em.createQuery(
            "SELECT NEW ai.fromscratch.chat.RatedFigures(r.exchangeId, r.value,"
                + " r.createdAt) FROM Rating r WHERE r.createdAt >= :since",
            RatedFigures.class)
        .setParameter("since", since)
        .getResultList();
  }

  /** Exchanges after {@code afterId} in id order (keyset paging for exports). */
  public List<Exchange> exchangesAfter(long afterId, int limit) {
    return em.createQuery(
            "SELECT e FROM Exchange e WHERE e.id > :after ORDER BY e.id", Exchange.class)
        .setParameter("after", afterId)
        .setMaxResults(limit)
        .getResultList();
  }

  /** Conversations after {@code afterId} in id order (keyset paging for exports). */
  public List<Conversation> conversationsAfter(long afterId, int limit) {
    return em.createQuery(
            "SELECT c FROM Conversation c WHERE c.id > :after ORDER BY c.id", Conversation.class)
        .setParameter("after", afterId)
        .setMaxResults(limit)
        .getResultList();
  }

  /** The ratings of the given exchanges. */
  public List<Rating> ratingsOf(List<Long> exchangeIds) {
    if (exchangeIds.isEmpty()) {
      return List.of();
    }
    return em.createQuery("SELECT r FROM Rating r WHERE r.exchangeId IN :ids", Rating.class)
        .setParameter("ids", exchangeIds)
        .getResultList();
  }

  public void rename(long id, String title) {
    em.find(Conversation.class, id).setTitle(title);
  }

  /** Removes a conversation with its exchanges and their ratings. */
  public void delete(long id) {
    deleteWhere("e.conversationId = :c", "c.id = :c", "c", id);
  }

  /** Removes every conversation of {@code owner}, with its exchanges and their ratings. */
  public int deleteAllOf(String owner) {
    return deleteWhere(
        "e.conversationId IN (SELECT c.id FROM Conversation c WHERE c.owner = :o)",
        "c.owner = :o",
        "o",
        owner);
  }

  /** Deletes the ratings and exchanges matching, then the conversations; returns how many. */
  private int deleteWhere(String exchanges, String conversations, String name, Object value) {
    em.createQuery(
            "DELETE FROM Rating r WHERE r.exchangeId IN (SELECT e.id FROM Exchange e WHERE "
                + exchanges
                + ")")
        .setParameter(name, value)
        .executeUpdate();
    em.createQuery("DELETE FROM Exchange e WHERE " + exchanges)
        .setParameter(name, value)
        .executeUpdate();
    return em.createQuery("DELETE FROM Conversation c WHERE " + conversations)
        .setParameter(name, value)
        .executeUpdate();
  }

  public Optional<Rating> rating(long exchangeId) {
    return Optional.ofNullable(em.find(Rating.class, exchangeId));
  }

  public Rating rate(long exchangeId, int value, String comment) {
    Rating rating = em.find(Rating.class, exchangeId);
    if (rating == null) {
      rating = new Rating(exchangeId, value, comment);
      em.persist(rating);
    } else {
      rating.update(value, comment);
    }
    return rating;
  }

  /** A rating with the answer it judges and that answer's conversation. */
  public record RatedExchange(Rating rating, Exchange exchange, Conversation conversation) {}

  /** Ratings matching a filter, newest first, with what they rate. */
  public List<RatedExchange> ratings(RatingFilter filter, int limit) {
    StringBuilder jpql =
        new StringBuilder(
            "SELECT r, e, c FROM Rating r, Exchange e, Conversation c WHERE e.id = r.exchangeId"
                + " AND c.id = e.conversationId AND r.createdAt >= :since");
    if (filter.value() != 0) {
      jpql.append(" AND r.value = :value");
    }
    if (filter.withComment()) {
      jpql.append(" AND r.comment IS NOT NULL");
    }
    jpql.append(" ORDER BY r.createdAt DESC, r.exchangeId DESC");
    var query =
        em.createQuery(jpql.toString(), Object[].class).setParameter("since", filter.since());
    if (filter.value() != 0) {
      query.setParameter("value", filter.value());
    }
    return query.setMaxResults(limit).getResultList().stream()
        .map(row -> new RatedExchange((Rating) row[0], (Exchange) row[1], (Conversation) row[2]))
        .toList();
  }
}
