package ai.fromscratch.chat;

import ai.fromscratch.platform.ParentRow;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** The owner's or a user's verdict on one answer: up or down, with an optional comment. */
@Entity
@Table(name = "RATING")
@ParentRow(column = "EXCHANGE_ID", table = "EXCHANGE")
public class Rating {
  public static final int MAX_COMMENT = 2000;

  /** One rating per exchange: rating again replaces it. */
  @Id
  @Column(name = "EXCHANGE_ID")
  private Long exchangeId;

  /** +1 for up, -1 for down. */
  @Column(nullable = false)
  private int value;

  @Column(name = "RATING_COMMENT", length = MAX_COMMENT)
  private String comment;

  @Column(name = "CREATED_AT", nullable = false)
  private Instant createdAt;

  protected Rating() {}

  Rating(long exchangeId, int value, String comment) {
    this.exchangeId = exchangeId;
    update(value, comment);
  }

  void update(int value, String comment) {
    this.value = value;
    this.comment = comment == null || comment.isBlank() ? null : comment.strip();
    this.createdAt = Instant.now();
  }

  public Long getExchangeId() {
    return exchangeId;
  }

  public int getValue() {
    return value;
  }

  public String getComment() {
    return comment;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }
}
