package ai.fromscratch.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;

/** What the keepalive page and endpoint report: cheap to compute, no database or model work. */
@ApplicationScoped
public class StatusService {
  @Inject ServerStartLog serverStartLog;

  @Inject ModelPresence models;

  public ServerStatus status() {
    Instant started = serverStartLog.startedAt();
    return new ServerStatus(
        "ok",
        Duration.between(started, Instant.now()).toSeconds(),
        BuildInfo.version(),
        models.hasModel(),
        started);
  }
}
