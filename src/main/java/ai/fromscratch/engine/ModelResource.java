package ai.fromscratch.engine;

import ai.fromscratch.lm.TokenSink;
import ai.fromscratch.platform.ApiException;
import ai.fromscratch.platform.JsonParams;
import ai.fromscratch.platform.MultipartFormReader;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/** {@code /api/model}: the active model's facts, generation, perplexity, ARPA export and import. */
@Path("model")
@Produces(MediaType.APPLICATION_JSON)
public class ModelResource {
  @Inject GenerationService generation;
  @Inject ModelTransferService transfer;

  @GET
  public ModelFacts facts() {
    return generation.facts();
  }

  @POST
  @Path("generate")
  @Consumes(MediaType.APPLICATION_JSON)
  public GenerationResult generate(JsonObject body) {
    return generation.generate(GenerateRequest.from(body, false), TokenSink.IGNORE);
  }

  @POST
  @Path("perplexity")
  @Consumes(MediaType.APPLICATION_JSON)
  public PerplexityJson perplexity(JsonObject body) {
    String text =
        new JsonParams(body, Set.of("text")).text("text", null, GenerationService.MAX_SCORED_CHARS);
    if (text == null) {
      throw ApiException.badRequest("text is required");
    }
    return generation.perplexity(text);
  }

  /** The active model in the ARPA format, streamed (KenLM's tools read it). */
  @GET
  @Path("arpa")
  @Produces(MediaType.TEXT_PLAIN)
  public Response exportArpa() {
    generation.facts();
    StreamingOutput body =
        out -> {
          Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
          transfer.exportArpa(writer);
          writer.flush();
        };
    return Response.ok(body, "text/plain; charset=UTF-8")
        .header("Content-Disposition", "attachment; filename=\"model.arpa\"")
        .build();
  }

  /** Replaces the active model by an ARPA file, sent as a form's file part. */
  @POST
  @Path("arpa")
  @Consumes(MediaType.MULTIPART_FORM_DATA)
  public ModelFacts importArpa(
      @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, InputStream body)
      throws IOException {
    MultipartFormReader.Part file =
        new MultipartFormReader(body, contentType)
            .nextFile()
            .orElseThrow(() -> ApiException.badRequest("The form has no file part"));
    return transfer.importArpa(file.fileName(), file.content());
  }

  /**
   * Replaces the active model by an ARPA file sent as the body (plain or gzipped). Not as {@code
   * text/plain}: another site's form may send that without asking, and this call replaces the
   * model.
   */
  @POST
  @Path("arpa")
  @Consumes({MediaType.APPLICATION_OCTET_STREAM, "application/gzip"})
  public ModelFacts importArpaBody(@QueryParam("name") String name, InputStream body)
      throws IOException {
    return transfer.importArpa(name, body);
  }
}
