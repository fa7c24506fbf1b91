package ai.fromscratch.backup;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * {@code /api/backups}: {@code GET} lists the local and S3 backups with the schedule and the state
 * of S3; {@code POST} takes one now; {@code POST /{name}/restore} restores one (409 while a job
 * runs, 422 when the archive fails its checks, nothing changed then).
 */
@Path("backups")
@Produces(MediaType.APPLICATION_JSON)
public class BackupResource {
  @Inject BackupService backups;
  @Inject RestoreService restores;

  @GET
  public BackupOverview list() {
    return backups.overview();
  }

  @POST
  public Response create() {
    return Response.status(Response.Status.CREATED).entity(backups.create("api")).build();
  }

  @POST
  @Path("{name}/restore")
  public RestoreReport restore(@PathParam("name") String name) {
    return restores.restore(name);
  }
}
