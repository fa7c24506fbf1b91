package ai.fromscratch.platform;

import java.time.Instant;

/**
 * A CDI event: the instance {@code holder} stopped renewing its lease on a piece of work (it was
 * killed, or lost the database) at {@code until}. The capability whose work it is fails it.
 */
public record WorkLapsed(String kind, long id, String holder, Instant until) {
  /** Why the work failed, for its error column. */
  public String reason() {
    return "The instance "
        + holder
        + " that ran this stopped renewing its claim at "
        + until
        + " (it stopped, or lost the database)";
  }
}
