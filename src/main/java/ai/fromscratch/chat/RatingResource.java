package ai.fromscratch.chat;

import ai.fromscratch.chat.ChatJson.RatedAnswer;
import ai.fromscratch.chat.ChatJson.RatingJson;
import ai.fromscratch.platform.ApiException;
import ai.fromscratch.platform.Caller;
import ai.fromscratch.platform.JsonParams;
import ai.fromscratch.platform.Params;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Set;

/**
 * {@code /api/ratings}: rate an answer ({@code POST {"exchange_id", "rating": "up"|"down",
 * "comment"}}) and list the ratings ({@code GET ?rating=up|down|all&since=2026-11-24&with_comment=
 * true}).
 */
@Path("ratings")
public class RatingResource {
  private static final int MAX_LIST = 1000;

  @Inject ConversationService conversations;
  @Inject Caller caller;

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public List<RatedAnswer> list(
      @QueryParam("rating") String rating,
      @QueryParam("since") String since,
      @QueryParam("with_comment") String withComment,
      @QueryParam("limit") String limit) {
    return conversations.ratings(
        RatingFilter.of(rating, since, withComment),
        Params.intParam("limit", limit, 100, 1, MAX_LIST));
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  public RatingJson rate(JsonObject body) {
    JsonParams params = new JsonParams(body, Set.of("exchange_id", "rating", "comment"));
    Long exchange = params.optionalLong("exchange_id");
    if (exchange == null) {
      throw ApiException.badRequest("exchange_id is required");
    }
    String rating = params.text("rating", "", 10);
    int value =
        switch (rating) {
          case "up" -> 1;
          case "down" -> -1;
          default -> throw ApiException.badRequest("rating must be up or down");
        };
    return conversations.rate(caller, exchange, value, params.text("comment", null, 100_000));
  }
}
