package ai.fromscratch.web;

import ai.fromscratch.platform.ServerStart;
import ai.fromscratch.platform.ServerStartLog;
import ai.fromscratch.platform.Settings;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;
import java.util.Map;

/**
 * Backs the Admin page: the running configuration (secrets hidden) and the server's start history.
 */
@Named
@RequestScoped
public class AdminView {
  @Inject Settings settings;

  @Inject ServerStartLog serverStartLog;

  public List<Map.Entry<String, String>> getConfiguration() {
    return List.copyOf(settings.displayable().entrySet());
  }

  public List<ServerStart> getRecentStarts() {
    return serverStartLog.recent(10);
  }
}
