package ai.fromscratch.training;

import java.util.Locale;

/** What a training job builds. */
public enum JobKind {
  /** The n-gram language model (job XML {@code ngram-train}). */
  NGRAM("ngram-train"),
  /** The byte-pair-encoding tokenizer (job XML {@code bpe-train}). */
  BPE("bpe-train"),
  /**
   * The retrieval index of datasets not indexed yet, without retraining (job XML {@code
   * rag-index}).
   */
  INDEX("rag-index");

  private final String jobXml;

  JobKind(String jobXml) {
    this.jobXml = jobXml;
  }

  public String jobXml() {
    return jobXml;
  }

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
