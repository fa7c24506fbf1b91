package ai.fromscratch.retrieval;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The embedding models the app ships, and the {@code EMBED_MODEL_NAME} values that select them. The
 * plain name selects the 8-bit quantized file (23 MB, fits a 512 MB server); the suffix {@code
 * :fp32} selects the full-precision file (90 MB, more memory), and {@code :int8} names the default
 * explicitly. Names are matched ignoring case, with or without the {@code sentence-transformers/}
 * organization.
 */
public enum EmbeddingModelChoice {
  ALL_MINILM_L6_V2_INT8(
      "sentence-transformers/all-MiniLM-L6-v2", "int8", "all-minilm-l6-v2-q.onnx"),
  ALL_MINILM_L6_V2_FP32("sentence-transformers/all-MiniLM-L6-v2", "fp32", "all-minilm-l6-v2.onnx");

  /** Where the build unpacks the model files (see the pom's embedding-model-files execution). */
  static final String RESOURCE_FOLDER = "/ai/fromscratch/retrieval/models/";

  private static final String ORGANIZATION = "sentence-transformers/";
  private static final String TOKENIZER_FILE = "all-minilm-l6-v2-tokenizer.json";

  private final String modelName;
  private final String precision;
  private final String modelFile;

  EmbeddingModelChoice(String modelName, String precision, String modelFile) {
    this.modelName = modelName;
    this.precision = precision;
    this.modelFile = modelFile;
  }

  /** The default: the quantized model, the one that fits a 512 MB server. */
  public static EmbeddingModelChoice defaultChoice() {
    return ALL_MINILM_L6_V2_INT8;
  }

  /**
   * The model a name selects.
   *
   * @throws UnsupportedEmbeddingModelException for an unknown name, listing the supported ones
   */
  public static EmbeddingModelChoice fromName(String name) {
    String wanted = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
    for (EmbeddingModelChoice choice : values()) {
      if (choice.acceptedNames().stream()
          .anyMatch(n -> n.toLowerCase(Locale.ROOT).equals(wanted))) {
        return choice;
      }
    }
    throw new UnsupportedEmbeddingModelException(name, supportedNames());
  }

  /** Every accepted name, the canonical ones first. */
  public static List<String> supportedNames() {
    List<String> names = new ArrayList<>();
    for (EmbeddingModelChoice choice : values()) {
      names.add(choice.canonicalName());
    }
    for (EmbeddingModelChoice choice : values()) {
      choice.acceptedNames().stream().filter(n -> !names.contains(n)).forEach(names::add);
    }
    return names;
  }

  /** The name with its precision, e.g. {@code sentence-transformers/all-MiniLM-L6-v2:int8}. */
  public String canonicalName() {
    return modelName + ":" + precision;
  }

  /** The model file's classpath resource. */
  public String modelResource() {
    return RESOURCE_FOLDER + modelFile;
  }

  /** The tokenizer.json's classpath resource. */
  public String tokenizerResource() {
    return RESOURCE_FOLDER + TOKENIZER_FILE;
  }

  /**
   * Whether the model's output for a text may depend on the other texts run in the same batch.
   * Dynamic quantization picks its scale from the whole input tensor, so the quantized model's
   * results change with the batch (STACK.md); those texts must run one at a time.
   */
  public boolean batchSensitive() {
    return this == ALL_MINILM_L6_V2_INT8;
  }

  private List<String> acceptedNames() {
    String shortName = modelName.substring(ORGANIZATION.length());
    List<String> names = new ArrayList<>();
    names.add(canonicalName());
    names.add(shortName + ":" + precision);
    if (this == defaultChoice()) {
      names.add(modelName);
      names.add(shortName);
    }
    return names;
  }
}
