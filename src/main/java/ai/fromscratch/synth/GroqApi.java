package ai.fromscratch.synth;

import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Groq's OpenAI-compatible chat completions, as a MicroProfile Rest Client. It answers a Response
 * so that the caller reads every status itself (401, 429 with Retry-After, 5xx).
 */
@Path("/openai/v1")
public interface GroqApi extends AutoCloseable {

  @POST
  @Path("/chat/completions")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  Response chatCompletions(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, JsonObject request);
}
