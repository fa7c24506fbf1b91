package ai.fromscratch.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;

/** Makes the validated {@link Settings} injectable; MicroProfile Config supplies the raw values. */
@ApplicationScoped
public class SettingsProducer {
  private static final Logger LOG = Logger.getLogger(SettingsProducer.class.getName());

  @Inject Config config;

  @Produces
  @Singleton
  Settings settings() {
    try {
      return Settings.from(name -> config.getOptionalValue(name, String.class));
    } catch (InvalidSettingsException e) {
      // One plain line before the container's own reports of the failed start.
      LOG.severe(e.getMessage());
      throw e;
    }
  }
}
