package ai.fromscratch.chat;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import java.time.Instant;

/** A conversation: a titled series of exchanges. */
@Entity
@Table(
    name = "CONVERSATION",
    indexes = @Index(name = "IDX_CONVERSATION_OWNER", columnList = "OWNER"))
public class Conversation {
  public static final int MAX_TITLE = 200;

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(nullable = false, length = MAX_TITLE)
  private String title;

  @Column(name = "CREATED_AT", nullable = false)
  private Instant createdAt;

  @Column(name = "UPDATED_AT", nullable = false)
  private Instant updatedAt;

  /**
   * Whose it is: {@code admin}, or {@code v:} and an anonymous visitor's id (see {@link
   * ai.fromscratch.platform.Caller}). Rows from before owners existed are given to the admin.
   */
  @Column(name = "OWNER", length = 40)
  private String owner;

  protected Conversation() {}

  Conversation(String title, String owner) {
    this.title = title;
    this.owner = owner;
    this.createdAt = Instant.now();
    this.updatedAt = createdAt;
  }

  public Long getId() {
    return id;
  }

  public String getTitle() {
    return title;
  }

  void setTitle(String title) {
    this.title = title;
    this.updatedAt = Instant.now();
  }

  public Instant getCreatedAt() {
    return createdAt;
  }

  public String getOwner() {
    return owner;
  }

  public Instant getUpdatedAt() {
    return updatedAt;
  }

  void touched() {
    updatedAt = Instant.now();
  }
}
