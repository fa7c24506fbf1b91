package ai.fromscratch.platform;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;

/**
 * The Admin page's platform facts as JSON: the running configuration (secrets hidden) and the start
 * history.
 */
@Path("admin")
@Produces(MediaType.APPLICATION_JSON)
public class PlatformAdminResource {
  private static final int MAX_STARTS = 1000;

  @Inject Settings settings;

  @Inject ServerStartLog serverStartLog;

  @GET
  @Path("config")
  public Map<String, String> configuration() {
    return settings.displayable();
  }

  @GET
  @Path("starts")
  public List<ServerStart> starts(@QueryParam("limit") String limit) {
    return serverStartLog.recent(Params.intParam("limit", limit, 20, 1, MAX_STARTS));
  }
}
