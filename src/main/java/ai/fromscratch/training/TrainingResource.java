package ai.fromscratch.training;

import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;

/** {@code /api/train}: start, watch, stop and restart the n-gram and BPE training jobs. */
@Path("train")
@Produces(MediaType.APPLICATION_JSON)
public class TrainingResource {
  @Inject TrainingService training;

  @POST
  @Path("start")
  @Consumes(MediaType.APPLICATION_JSON)
  public Response start(JsonObject body) {
    TrainingStatus status = training.start(TrainingRequest.from(body));
    return Response.accepted(status).location(URI.create("train/status/" + status.id())).build();
  }

  @GET
  @Path("status/{id}")
  public TrainingStatus status(@PathParam("id") long id) {
    return training.status(id);
  }

  @GET
  @Path("jobs")
  public List<TrainingStatus> jobs() {
    return training.list();
  }

  @POST
  @Path("{id}/stop")
  public TrainingStatus stop(@PathParam("id") long id) {
    return training.stop(id);
  }

  @POST
  @Path("{id}/restart")
  public TrainingStatus restart(@PathParam("id") long id) {
    return training.restart(id);
  }
}
