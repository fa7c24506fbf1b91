package ai.fromscratch.platform;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * An instance's claim on a piece of long-running work ({@code training 5}, {@code synthesis 2},
 * {@code import 12}): who runs it, and until when the claim lasts unless renewed. When the work
 * ends the row stays with no expiry, naming who ran it last.
 */
@Entity
@Table(name = "WORK_LEASE")
public class WorkLease {
  @Id
  @Column(name = "WORK_NAME", length = 200)
  private String work;

  @Column(nullable = false, length = 200)
  private String holder;

  /** Until when the claim lasts; null once the work ended. */
  @Column(name = "LEASE_UNTIL")
  private Instant until;

  protected WorkLease() {}

  WorkLease(String work, String holder, Instant until) {
    this.work = work;
    this.holder = holder;
    this.until = until;
  }

  public String getWork() {
    return work;
  }

  public String getHolder() {
    return holder;
  }

  public Instant getUntil() {
    return until;
  }

  void hold(String holder, Instant until) {
    this.holder = holder;
    this.until = until;
  }
}
