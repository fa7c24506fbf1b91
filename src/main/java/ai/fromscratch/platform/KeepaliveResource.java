package ai.fromscratch.platform;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code GET /api/keepalive}: for cron pings that keep a free instance awake; no auth, no heavy
 * work.
 */
@Path("keepalive")
public class KeepaliveResource {
  @Inject StatusService statusService;

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public ServerStatus keepalive() {
    return statusService.status();
  }
}
