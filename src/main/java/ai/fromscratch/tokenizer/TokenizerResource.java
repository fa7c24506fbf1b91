package ai.fromscratch.tokenizer;

import ai.fromscratch.bpe.Encoding;
import ai.fromscratch.platform.ApiException;
import ai.fromscratch.platform.JsonParams;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Set;

/**
 * {@code /api/tokenizer}: the trained BPE tokenizer as tokenizer.json, and encoding to inspect it.
 */
@Path("tokenizer")
@Produces(MediaType.APPLICATION_JSON)
public class TokenizerResource {
  @Inject TokenizerService tokenizers;

  /** The Hugging Face tokenizer.json, which the tokenizers library loads as it is. */
  @GET
  public Response download() {
    tokenizers.current();
    return Response.ok(tokenizers.file().toFile(), MediaType.APPLICATION_JSON)
        .header("Content-Disposition", "attachment; filename=\"tokenizer.json\"")
        .build();
  }

  @POST
  @Path("encode")
  @Consumes(MediaType.APPLICATION_JSON)
  public EncodedText encode(JsonObject body) {
    String text =
        new JsonParams(body, Set.of("text")).text("text", null, TokenizerService.MAX_ENCODED_CHARS);
    if (text == null) {
      throw ApiException.badRequest("text is required");
    }
    Encoding encoding = tokenizers.encode(text);
    return new EncodedText(
        java.util.Arrays.stream(encoding.ids()).boxed().toList(), encoding.tokens());
  }

  /** Token ids and the tokens they stand for. */
  public record EncodedText(List<Integer> ids, List<String> tokens) {}
}
