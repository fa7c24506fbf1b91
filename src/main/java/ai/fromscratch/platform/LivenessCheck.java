package ai.fromscratch.platform;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Alive whenever the application answers. It reports heap use but does not judge it: heap that
 * holds garbage until the next collection is normal, and a false "down" would restart a healthy
 * instance.
 */
@Liveness
@ApplicationScoped
public class LivenessCheck implements HealthCheck {
  @Override
  public HealthCheckResponse call() {
    Runtime runtime = Runtime.getRuntime();
    return HealthCheckResponse.named("from-scratch-ai")
        .up()
        .withData("heapUsedMb", (runtime.totalMemory() - runtime.freeMemory()) >> 20)
        .withData("heapMaxMb", runtime.maxMemory() >> 20)
        .build();
  }
}
