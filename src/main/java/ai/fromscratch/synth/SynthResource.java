package ai.fromscratch.synth;

import ai.fromscratch.synth.SynthesisService.Availability;
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
import java.util.List;

/**
 * {@code /api/synth}: synthetic question/answer pairs from Groq. {@code POST} starts a run ({@code
 * topic}, {@code count}, {@code temperature}, {@code batch_size}, {@code examples}); {@code GET
 * /{id}} follows it; {@code POST /{id}/cancel} stops it, keeping what it got; {@code GET /status}
 * says whether synthesis is available.
 */
@Path("synth")
@Produces(MediaType.APPLICATION_JSON)
public class SynthResource {
  @Inject SynthesisService synthesis;

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Response start(JsonObject body) {
    SynthJson run = synthesis.start(SynthRequest.from(body));
    return Response.accepted(run).build();
  }

  @GET
  public List<SynthJson> recent() {
    return synthesis.recent();
  }

  @GET
  @Path("status")
  public Availability status() {
    return synthesis.availability();
  }

  @GET
  @Path("{id: [0-9]+}")
  public SynthJson get(@PathParam("id") long id) {
    return synthesis.get(id);
  }

  @POST
  @Path("{id: [0-9]+}/cancel")
  public SynthJson cancel(@PathParam("id") long id) {
    return synthesis.cancel(id);
  }
}
