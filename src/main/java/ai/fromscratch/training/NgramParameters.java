package ai.fromscratch.training;

import ai.fromscratch.platform.ApiException;
import ai.fromscratch.platform.JsonParams;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.util.List;
import java.util.Set;

/**
 * How an n-gram model is trained.
 *
 * @param prune lmplz-style thresholds per order from 2 (an n-gram whose adjusted count is at most
 *     the threshold is dropped); empty for none
 * @param heldout the fraction of records kept out of training to measure the model's perplexity
 * @param discountFallback use lmplz's fallback discounts when the data is too small to estimate
 *     them
 * @param chunkSize records per checkpoint of the corpus step: smaller chunks lose less work to a
 *     crash
 */
public record NgramParameters(
    List<Long> datasets,
    int order,
    List<Long> prune,
    boolean lowercase,
    double heldout,
    boolean discountFallback,
    boolean index,
    int chunkSize)
    implements TrainingRequest {
  public static final int DEFAULT_CHUNK_SIZE = 500;
  public static final int MAX_ORDER = 6;
  public static final double MAX_HELDOUT = 0.5;

  static final Set<String> KNOWN =
      Set.of(
          "kind",
          "datasets",
          "order",
          "prune",
          "lowercase",
          "heldout",
          "discount_fallback",
          "chunk_size",
          "index");

  /** The checks a request must pass whichever way it came (API or page). */
  public NgramParameters {
    if (order < 1 || order > MAX_ORDER) {
      throw ApiException.badRequest("order must be a whole number from 1 to " + MAX_ORDER);
    }
    if (heldout < 0 || heldout > MAX_HELDOUT) {
      throw ApiException.badRequest("heldout must be a number from 0 to " + MAX_HELDOUT);
    }
    if (prune.size() > order - 1) {
      throw ApiException.badRequest(
          "prune has "
              + prune.size()
              + " thresholds; an order-"
              + order
              + " model takes at most "
              + (order - 1)
              + " (orders 2 to "
              + order
              + ")");
    }
    for (int i = 1; i < prune.size(); i++) {
      if (prune.get(i) < prune.get(i - 1)) {
        throw ApiException.badRequest("prune thresholds must not decrease with the order");
      }
    }
    datasets = List.copyOf(datasets);
    prune = List.copyOf(prune);
  }

  static NgramParameters from(JsonObject json, List<Long> datasets) {
    JsonParams params = new JsonParams(json, KNOWN);
    List<Long> prune = params.longs("prune", 0);
    return new NgramParameters(
        datasets,
        params.integer("order", 4, 1, MAX_ORDER),
        prune == null ? List.of() : prune,
        params.bool("lowercase", false),
        params.decimal("heldout", 0.05, 0, MAX_HELDOUT),
        params.bool("discount_fallback", true),
        params.bool("index", true),
        params.integer("chunk_size", DEFAULT_CHUNK_SIZE, 1, 100_000));
  }

  @Override
  public JobKind kind() {
    return JobKind.NGRAM;
  }

  @Override
  public NgramParameters on(List<Long> chosen) {
    return new NgramParameters(
        chosen, order, prune, lowercase, heldout, discountFallback, index, chunkSize);
  }

  /** The parameters as {@link #toJson} stored them. */
  static NgramParameters stored(JsonObject json) {
    return from(json, new JsonParams(json, KNOWN).longs("datasets", 1));
  }

  @Override
  public JsonObject toJson() {
    JsonArrayBuilder ids = Json.createArrayBuilder();
    datasets.forEach(ids::add);
    JsonArrayBuilder thresholds = Json.createArrayBuilder();
    prune.forEach(thresholds::add);
    return Json.createObjectBuilder()
        .add("datasets", ids)
        .add("order", order)
        .add("prune", thresholds)
        .add("lowercase", lowercase)
        .add("heldout", heldout)
        .add("discount_fallback", discountFallback)
        .add("index", index)
        .add("chunk_size", chunkSize)
        .build();
  }

  /** The thresholds per order as the estimator takes them (order 1 never pruned). */
  List<Integer> pruneThresholds() {
    if (prune.isEmpty()) {
      return List.of();
    }
    java.util.ArrayList<Integer> thresholds = new java.util.ArrayList<>();
    thresholds.add(0);
    prune.forEach(p -> thresholds.add(Math.toIntExact(p)));
    return thresholds;
  }
}
