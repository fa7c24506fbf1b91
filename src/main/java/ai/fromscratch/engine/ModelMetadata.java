package ai.fromscratch.engine;

/** The keys of what a model file records about its model. */
public final class ModelMetadata {
  /** {@code trained} by a job here, or {@code arpa} when imported. */
  public static final String SOURCE = "source";

  public static final String CREATED_AT = "created_at";

  /** The datasets trained on, as a JSON list of {@code {"id", "name"}}. */
  public static final String DATASETS = "datasets";

  public static final String TRAINING_JOB = "training_job";
  public static final String HELDOUT_PERPLEXITY = "heldout_perplexity";
  public static final String HELDOUT_PERPLEXITY_EXCLUDING_OOV = "heldout_perplexity_excluding_oov";
  public static final String TRAINING_TOKENS = "training_tokens";
  public static final String TRAINING_SENTENCES = "training_sentences";

  private ModelMetadata() {}
}
