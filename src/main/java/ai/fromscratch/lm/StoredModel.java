package ai.fromscratch.lm;

import java.util.Map;

/** A model with the metadata saved beside it (provenance: datasets, time, held-out perplexity). */
public record StoredModel(NgramModel model, Map<String, String> metadata) {
  public StoredModel {
    metadata = Map.copyOf(metadata);
  }
}
