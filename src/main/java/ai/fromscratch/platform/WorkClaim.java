package ai.fromscratch.platform;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A piece of work one instance took, by name: the primary key lets only one take it. */
@Entity
@Table(name = "WORK_CLAIM")
public class WorkClaim {
  @Id
  @Column(name = "CLAIM_NAME", length = 200)
  private String name;

  @Column(nullable = false, length = 200)
  private String holder;

  @Column(name = "CLAIMED_AT", nullable = false)
  private Instant claimedAt;

  protected WorkClaim() {}

  WorkClaim(String name, String holder) {
    this.name = name;
    this.holder = holder;
    this.claimedAt = Instant.now();
  }

  public String getHolder() {
    return holder;
  }
}
