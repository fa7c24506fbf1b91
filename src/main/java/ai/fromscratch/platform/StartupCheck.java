package ai.fromscratch.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.logging.Logger;

/**
 * Validates the configuration and the data directory when the application starts, so a bad setting
 * stops the deployment with one message instead of failing later in a request.
 */
@ApplicationScoped
public class StartupCheck {
  private static final Logger LOG = Logger.getLogger(StartupCheck.class.getName());

  @Inject Settings settings;

  @Inject DataDirectory dataDirectory;

  @Inject ServerStartLog serverStartLog;

  void onStart(@Observes @Initialized(ApplicationScoped.class) Object context) {
    if (!Files.isWritable(dataDirectory.models())) {
      throw new InvalidSettingsException(
          List.of("DATA_DIR=" + dataDirectory.root() + ": the directory is not writable"));
    }
    List<Path> unfinished = dataDirectory.discardUnfinishedWrites();
    if (!unfinished.isEmpty()) {
      LOG.warning(() -> "Deleted files a crash left half-written: " + unfinished);
    }
    serverStartLog.record();
    LOG.info(
        () ->
            "From-Scratch AI "
                + BuildInfo.version()
                + " started in "
                + settings.get(Setting.APP_ENV)
                + " mode with data in "
                + dataDirectory.root());
  }
}
