package ai.fromscratch.retrieval;

import ai.fromscratch.platform.Params;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** {@code /api/rag}: what the index holds, and hybrid search over it. */
@Path("rag")
@Produces(MediaType.APPLICATION_JSON)
public class RetrievalResource {
  @Inject RetrievalService retrieval;

  @GET
  public RetrievalService.IndexStatus status() {
    return retrieval.status();
  }

  /** The passages most like {@code q}: vector similarity fused with BM25, best first. */
  @GET
  @Path("search")
  public SearchResult search(@QueryParam("q") String query, @QueryParam("k") String k) {
    int wanted = Params.intParam("k", k, retrieval.defaultK(), 1, RetrievalService.MAX_K);
    return new SearchResult(query, retrieval.search(query, wanted));
  }

  /** A search's answer. */
  public record SearchResult(String query, List<RetrievedPassage> hits) {}
}
