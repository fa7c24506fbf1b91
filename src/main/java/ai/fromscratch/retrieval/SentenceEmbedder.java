package ai.fromscratch.retrieval;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Sentence embeddings from all-MiniLM-L6-v2 on ONNX Runtime, as sentence-transformers computes
 * them: WordPiece ids, the transformer's last hidden state, the mean over the text's tokens (masked
 * mean pooling), L2-normalized to a unit vector of {@link #DIMENSION} floats.
 *
 * <p>A text's vector never depends on the other texts embedded with it: texts run in batches only
 * of equal token length (no padding), and the quantized model runs them one at a time (see {@link
 * EmbeddingModelChoice#batchSensitive()}). Thread-safe: concurrent callers share one session.
 */
public final class SentenceEmbedder implements AutoCloseable {
  public static final int DIMENSION = 384;

  /**
   * ONNX Runtime threads per model run. One: on the 2-core machine a second thread made short texts
   * slower (quantized: 383 instead of 232 texts/s), and it leaves the other core to a concurrent
   * request or to the language model.
   */
  public static final int DEFAULT_THREADS = 1;

  /** Stack of the thread that sets ONNX Runtime up (see {@link #load}). */
  private static final long LOADER_STACK_BYTES = 32L << 20;

  /** Texts run in one batch at most, which bounds the memory of one run. */
  static final int MAX_BATCH = 32;

  private static final String OUTPUT = "last_hidden_state";

  private final EmbeddingModelChoice choice;
  private final WordPieceTokenizer tokenizer;
  private final OrtEnvironment environment;
  private final OrtSession session;
  private final boolean wantsTokenTypes;
  private final ReadWriteLock closing = new ReentrantReadWriteLock();
  private boolean closed;

  private SentenceEmbedder(
      EmbeddingModelChoice choice,
      WordPieceTokenizer tokenizer,
      OrtEnvironment environment,
      OrtSession session) {
    this.choice = choice;
    this.tokenizer = tokenizer;
    this.environment = environment;
    this.session = session;
    this.wantsTokenTypes = session.getInputNames().contains("token_type_ids");
  }

  /** The model with the default threads and token limit. */
  public static SentenceEmbedder load(EmbeddingModelChoice choice) {
    return load(choice, DEFAULT_THREADS, WordPieceTokenizer.DEFAULT_MAX_TOKENS);
  }

  /**
   * Loads the model and tokenizer shipped on the classpath.
   *
   * @param intraOpThreads ONNX Runtime threads for one model run
   * @param maxTokens tokens per text, [CLS] and [SEP] included (at most 512); longer texts are cut
   */
  public static SentenceEmbedder load(
      EmbeddingModelChoice choice, int intraOpThreads, int maxTokens) {
    URL model = SentenceEmbedder.class.getResource(choice.modelResource());
    if (model == null) {
      throw missing(choice.modelResource());
    }
    return load(choice, intraOpThreads, maxTokens, model);
  }

  /**
   * Loads the model file at {@code model}, a file or a jar entry, on a thread with a large stack:
   * ONNX Runtime's session set-up recurses deeply in native code and crashes the JVM (a segfault,
   * no Java error) on stacks under about 4 MB, such as a server's request and start-up threads with
   * {@code -Xss512k}. Running the model afterwards needs no such stack.
   */
  static SentenceEmbedder load(
      EmbeddingModelChoice choice, int intraOpThreads, int maxTokens, URL model) {
    SentenceEmbedder[] loaded = new SentenceEmbedder[1];
    RuntimeException[] failure = new RuntimeException[1];
    Thread loader =
        new Thread(
            null,
            () -> {
              try {
                loaded[0] = loadHere(choice, intraOpThreads, maxTokens, model);
              } catch (RuntimeException e) {
                failure[0] = e;
              }
            },
            "embedding-model-loader",
            LOADER_STACK_BYTES);
    loader.start();
    try {
      loader.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while loading the embedding model", e);
    }
    if (failure[0] != null) {
      throw failure[0];
    }
    return loaded[0];
  }

  private static SentenceEmbedder loadHere(
      EmbeddingModelChoice choice, int intraOpThreads, int maxTokens, URL model) {
    if (intraOpThreads < 1) {
      throw new IllegalArgumentException("intraOpThreads must be at least 1");
    }
    WordPieceTokenizer tokenizer;
    try (InputStream json = resource(choice.tokenizerResource())) {
      tokenizer = WordPieceTokenizer.fromJson(json, maxTokens);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + choice.tokenizerResource(), e);
    }
    OrtEnvironment environment = OrtEnvironment.getEnvironment();
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
      options.setIntraOpNumThreads(intraOpThreads);
      options.setInterOpNumThreads(1);
      options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
      // Idle worker threads would otherwise spin and take CPU from the language model.
      options.addConfigEntry("session.intra_op.allow_spinning", "0");
      OrtSession session = openSession(environment, options, model);
      return new SentenceEmbedder(choice, tokenizer, environment, session);
    } catch (OrtException e) {
      throw new IllegalStateException("Cannot load the embedding model " + choice, e);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the embedding model " + model, e);
    }
  }

  /**
   * ONNX Runtime reads the model from a file, not from a byte array: the array and its copies
   * doubled the memory peak at load (measured with -Xmx256m: 490 MB instead of 230 MB for the full
   * model, 187 MB instead of 139 MB for the quantized one). When the classpath resource is not a
   * plain file (a packed WAR), it is copied to a temporary file that is deleted once loaded.
   */
  private static OrtSession openSession(
      OrtEnvironment environment, OrtSession.SessionOptions options, URL url)
      throws IOException, OrtException {
    if ("file".equals(url.getProtocol())) {
      try {
        return environment.createSession(Path.of(url.toURI()).toString(), options);
      } catch (URISyntaxException e) {
        throw new IOException("Bad model location " + url, e);
      }
    }
    Path copy = Files.createTempFile("embedding-model", ".onnx");
    try {
      try (InputStream in = url.openStream()) {
        Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
      }
      return environment.createSession(copy.toString(), options);
    } finally {
      Files.deleteIfExists(copy);
    }
  }

  public EmbeddingModelChoice model() {
    return choice;
  }

  public WordPieceTokenizer tokenizer() {
    return tokenizer;
  }

  /** The unit vector of one text. */
  public float[] embed(String text) {
    return embed(List.of(text)).get(0);
  }

  /** The unit vectors of {@code texts}, in order; each is the vector the text gets alone. */
  public List<float[]> embed(List<String> texts) {
    List<long[]> ids = new ArrayList<>(texts.size());
    for (String text : texts) {
      ids.add(tokenizer.encode(text));
    }
    float[][] vectors = new float[texts.size()][];
    for (List<Integer> batch : batches(ids)) {
      List<long[]> batchIds = new ArrayList<>(batch.size());
      batch.forEach(i -> batchIds.add(ids.get(i)));
      float[][] batchVectors = run(batchIds);
      for (int j = 0; j < batch.size(); j++) {
        vectors[batch.get(j)] = batchVectors[j];
      }
    }
    return Arrays.asList(vectors);
  }

  /** Waits for running embeddings, then frees the model; later calls fail. */
  @Override
  public void close() {
    closing.writeLock().lock();
    try {
      if (!closed) {
        closed = true;
        session.close();
      }
    } catch (OrtException e) {
      throw new IllegalStateException("Cannot close the embedding model", e);
    } finally {
      closing.writeLock().unlock();
    }
  }

  /** Indices grouped so that no batch needs padding, nor mixes texts where that matters. */
  private List<List<Integer>> batches(List<long[]> ids) {
    List<List<Integer>> batches = new ArrayList<>();
    if (choice.batchSensitive()) {
      for (int i = 0; i < ids.size(); i++) {
        batches.add(List.of(i));
      }
      return batches;
    }
    Map<Integer, List<Integer>> byLength = new LinkedHashMap<>();
    for (int i = 0; i < ids.size(); i++) {
      byLength.computeIfAbsent(ids.get(i).length, length -> new ArrayList<>()).add(i);
    }
    for (List<Integer> group : byLength.values()) {
      for (int from = 0; from < group.size(); from += MAX_BATCH) {
        batches.add(group.subList(from, Math.min(group.size(), from + MAX_BATCH)));
      }
    }
    return batches;
  }

  /** Runs texts of equal token length as one batch: every position is a real token. */
  private float[][] run(List<long[]> ids) {
    int rows = ids.size();
    int length = ids.get(0).length;
    long[] inputIds = new long[rows * length];
    for (int row = 0; row < rows; row++) {
      System.arraycopy(ids.get(row), 0, inputIds, row * length, length);
    }
    long[] attentionMask = new long[inputIds.length];
    Arrays.fill(attentionMask, 1L);
    long[] shape = {rows, length};
    closing.readLock().lock();
    try {
      if (closed) {
        throw new IllegalStateException("The embedding model is closed");
      }
      try (OnnxTensor idsTensor = tensor(inputIds, shape);
          OnnxTensor maskTensor = tensor(attentionMask, shape);
          OnnxTensor typesTensor = tensor(new long[inputIds.length], shape)) {
        Map<String, OnnxTensor> inputs = new HashMap<>();
        inputs.put("input_ids", idsTensor);
        inputs.put("attention_mask", maskTensor);
        if (wantsTokenTypes) {
          inputs.put("token_type_ids", typesTensor);
        }
        try (OrtSession.Result result = session.run(inputs)) {
          OnnxValue output = result.get(OUTPUT).orElseGet(() -> result.get(0));
          FloatBuffer hidden = ((OnnxTensor) output).getFloatBuffer();
          return meanPoolAndNormalize(hidden, rows, length, attentionMask);
        }
      }
    } catch (OrtException e) {
      throw new IllegalStateException("The embedding model failed", e);
    } finally {
      closing.readLock().unlock();
    }
  }

  private OnnxTensor tensor(long[] values, long[] shape) throws OrtException {
    return OnnxTensor.createTensor(environment, LongBuffer.wrap(values), shape);
  }

  /** Masked mean pooling over [rows, length, DIMENSION], then L2 normalization. */
  static float[][] meanPoolAndNormalize(
      FloatBuffer hidden, int rows, int length, long[] attentionMask) {
    float[][] vectors = new float[rows][];
    double[] sum = new double[DIMENSION];
    for (int row = 0; row < rows; row++) {
      Arrays.fill(sum, 0);
      long tokens = 0;
      for (int position = 0; position < length; position++) {
        if (attentionMask[row * length + position] == 0) {
          continue;
        }
        tokens++;
        int base = (row * length + position) * DIMENSION;
        for (int d = 0; d < DIMENSION; d++) {
          sum[d] += hidden.get(base + d);
        }
      }
      double norm = 0;
      for (int d = 0; d < DIMENSION; d++) {
        sum[d] /= Math.max(1, tokens);
        norm += sum[d] * sum[d];
      }
      norm = Math.max(Math.sqrt(norm), 1e-12);
      float[] vector = new float[DIMENSION];
      for (int d = 0; d < DIMENSION; d++) {
        vector[d] = (float) (sum[d] / norm);
      }
      vectors[row] = vector;
    }
    return vectors;
  }

  private static InputStream resource(String name) {
    InputStream in = SentenceEmbedder.class.getResourceAsStream(name);
    if (in == null) {
      throw missing(name);
    }
    return in;
  }

  private static IllegalStateException missing(String name) {
    return new IllegalStateException(
        "The embedding model file "
            + name
            + " is not on the classpath (the build unpacks it from the langchain4j model"
            + " artifacts)");
  }
}
