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
 */
public record NgramParameters(
    List<Long> datasets,
    int order,
    List<Long> prune,
    boolean lowercase,
    double heldout,
    boolean discountFallback,
    boolean index) {

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

  static NgramParameters from(JsonObject json, List<Long> datasets) {
    JsonParams params = new JsonParams(json, KNOWN);
    int order = params.integer("order", 4, 1, 6);
    List<Long> prune = params.longs("prune", 0);
    if (prune == null) {
      prune = List.of();
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
    return new NgramParameters(
        datasets,
        order,
        List.copyOf(prune),
        params.bool("lowercase", false),
        params.decimal("heldout", 0.05, 0, 0.5),
        params.bool("discount_fallback", true),
        params.bool("index", true));
  }

  /** The parameters as {@link #toJson} stored them. */
  static NgramParameters stored(JsonObject json) {
    return from(json, new JsonParams(json, KNOWN).longs("datasets", 1));
  }

  JsonObject toJson() {
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
