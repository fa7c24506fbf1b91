package ai.fromscratch.insights;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** {@code GET /api/analytics?range=24h|7d|30d|all}: the Analytics page's figures as JSON. */
@Path("analytics")
@Produces(MediaType.APPLICATION_JSON)
public class AnalyticsResource {
  @Inject AnalyticsService analytics;

  @GET
  public AnalyticsReport report(@QueryParam("range") String range) {
    return analytics.report(TimeRange.of(range));
  }
}
