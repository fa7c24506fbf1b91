package ai.fromscratch.chat;

import ai.fromscratch.chat.ChatJson.ConversationJson;
import ai.fromscratch.chat.ChatJson.ConversationSummary;
import ai.fromscratch.platform.Caller;
import ai.fromscratch.platform.JsonParams;
import ai.fromscratch.platform.Params;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code /api/conversations}: the caller's own conversations: list (with search), read, rename,
 * delete one, or delete them all.
 */
@Path("conversations")
@Produces(MediaType.APPLICATION_JSON)
public class ConversationResource {
  @Inject ConversationService conversations;
  @Inject Caller caller;

  @GET
  public List<ConversationSummary> list(
      @QueryParam("q") String query, @QueryParam("limit") String limit) {
    return conversations.list(
        caller, query, Params.intParam("limit", limit, 100, 1, ConversationService.MAX_LIST));
  }

  @GET
  @Path("{id}")
  public ConversationJson get(@PathParam("id") long id) {
    return conversations.get(caller, id);
  }

  /** Renames a conversation: {@code {"title": "..."}}. */
  @PATCH
  @Path("{id}")
  @Consumes(MediaType.APPLICATION_JSON)
  public ConversationJson rename(@PathParam("id") long id, JsonObject body) {
    return conversations.rename(
        caller, id, new JsonParams(body, Set.of("title")).text("title", null, 10_000));
  }

  @DELETE
  @Path("{id}")
  public Response delete(@PathParam("id") long id) {
    conversations.delete(caller, id);
    return Response.noContent().build();
  }

  /** Deletes all of the caller's conversations: {@code {"deleted": n}}. */
  @DELETE
  public Map<String, Integer> deleteAll() {
    return Map.of("deleted", conversations.deleteAll(caller));
  }
}
