package ai.fromscratch.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Checks sign-in attempts with the admin credential, from the login page or HTTP Basic, under the
 * {@link SignInThrottle}: a throttled attempt is refused before its password is even compared.
 * Failures and lockouts are logged with the client's address, never with what was typed.
 */
@ApplicationScoped
public class AdminSignIn {
  private static final Logger LOG = Logger.getLogger(AdminSignIn.class.getName());

  @Inject AdminCredential credential;

  private final SignInThrottle throttle = new SignInThrottle();

  /** What came of one attempt; {@code retryAfter} is set when it was throttled. */
  public record Attempt(boolean accepted, Duration retryAfter) {
    public boolean throttled() {
      return retryAfter != null;
    }
  }

  public Attempt withPassword(String client, String user, String password) {
    return attempt(client, () -> credential.accepts(user, password));
  }

  /** An {@code Authorization: Basic ...} header's attempt. */
  public Attempt withBasic(String client, String authorization) {
    return attempt(client, () -> credential.acceptsBasic(authorization));
  }

  private Attempt attempt(String client, java.util.function.BooleanSupplier check) {
    long now = System.nanoTime();
    Optional<Duration> wait = throttle.wait(client, now);
    if (wait.isPresent()) {
      return new Attempt(false, wait.get());
    }
    if (check.getAsBoolean()) {
      throttle.succeeded(client);
      return new Attempt(true, null);
    }
    int failures = throttle.failed(client, now);
    LOG.warning(
        () ->
            "Failed admin sign-in from "
                + client
                + " ("
                + failures
                + " in a row"
                + (failures >= SignInThrottle.LOCKOUT_AFTER
                    ? "; locked out for " + SignInThrottle.LOCKOUT.toMinutes() + " min)"
                    : ")"));
    return new Attempt(false, null);
  }
}
