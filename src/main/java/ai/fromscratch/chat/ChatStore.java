package ai.fromscratch.chat;

import ai.fromscratch.platform.RetriedOnConflict;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Conversations, exchanges and ratings in the database; every method is a short transaction. */
@ApplicationScoped
@Transactional
@RetriedOnConflict
public class ChatStore {
  @PersistenceContext(unitName = "fromscratch")
  EntityManager em;

  public Conversation createConversation(String title) {
    Conversation conversation = new Conversation(title);
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

  /** Conversations, most recent first; with a query, those whose title or questions hold it. */
  public List<Conversation> conversations(String query, int limit) {
    if (query == null || query.isBlank()) {
      return em.createQuery(
              "SELECT c FROM Conversation c ORDER BY c.updatedAt DESC, c.id DESC",
              Conversation.class)
          .setMaxResults(limit)
          .getResultList();
    }
    String pattern = "%" + query.strip().toLowerCase(Locale.ROOT) + "%";
    return em.createQuery(
            "SELECT c FROM Conversation c WHERE LOWER(c.title) LIKE :p OR EXISTS (SELECT e FROM"
                + " Exchange e WHERE e.conversationId = c.id AND LOWER(e.question) LIKE :p)"
                + " ORDER BY c.updatedAt DESC, c.id DESC",
            Conversation.class)
        .setParameter("p", pattern)
        .setMaxResults(limit)
        .getResultList();
  }

  public long exchangeCount(long conversationId) {
    return em.createQuery("SELECT COUNT(e) FROM Exchange e WHERE e.conversationId = :c", Long.class)
        .setParameter("c", conversationId)
        .getSingleResult();
  }

  public List<Exchange> exchanges(long conversationId) {
    return em.createQuery(
            "SELECT e FROM Exchange e WHERE e.conversationId = :c ORDER BY e.createdAt, e.id",
            Exchange.class)
        .setParameter("c", conversationId)
        .getResultList();
  }

  public Optional<Exchange> exchange(long id) {
    return Optional.ofNullable(em.find(Exchange.class, id));
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
    em.createQuery(
            "DELETE FROM Rating r WHERE r.exchangeId IN"
                + " (SELECT e.id FROM Exchange e WHERE e.conversationId = :c)")
        .setParameter("c", id)
        .executeUpdate();
    em.createQuery("DELETE FROM Exchange e WHERE e.conversationId = :c")
        .setParameter("c", id)
        .executeUpdate();
    Conversation conversation = em.find(Conversation.class, id);
    if (conversation != null) {
      em.remove(conversation);
    }
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
