package ai.fromscratch.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;

/**
 * The name this instance goes by among those sharing one database: INSTANCE_NAME, or else the host
 * name and a digest of DATA_DIR, so that two instances on one host differ and one instance keeps
 * its name across restarts (its start-up recovery then finds its own work).
 */
@ApplicationScoped
public class InstanceName {
  @Inject Settings settings;

  private volatile String name;

  public String get() {
    String current = name;
    if (current == null) {
      current =
          settings.isSet(Setting.INSTANCE_NAME) ? settings.get(Setting.INSTANCE_NAME) : derived();
      name = current;
    }
    return current;
  }

  private String derived() {
    var digest = Digests.sha256();
    digest.update(
        settings
            .dataDir()
            .toAbsolutePath()
            .normalize()
            .toString()
            .getBytes(StandardCharsets.UTF_8));
    return host() + "-" + Digests.hex(digest).substring(0, 8);
  }

  private static String host() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "localhost";
    }
  }
}
