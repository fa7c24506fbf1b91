package ai.fromscratch.retrieval;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.lucene.codecs.Codec;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene912.Lucene912Codec;
import org.apache.lucene.codecs.lucene99.Lucene99HnswScalarQuantizedVectorsFormat;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexCommit;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.KeepOnlyLastCommitDeletionPolicy;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.SnapshotDeletionPolicy;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.TieredMergePolicy;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FileSwitchDirectory;
import org.apache.lucene.store.MMapDirectory;
import org.apache.lucene.store.NIOFSDirectory;

/**
 * The passages of the owner's datasets in a Lucene index, searched two ways and fused: nearest
 * neighbours of the question's vector (HNSW, dot product of unit vectors, so cosine similarity) and
 * BM25 over the text, merged by reciprocal rank fusion ({@link RankFusion}) of each side's top
 * {@code max(50, 4k)}.
 *
 * <p>The names in the question (capitalized words after its first, words with digits) make a third
 * ranked list of the passages that hold them all: asking about one product, person or place among
 * many alike, the vector side prefers the many alike and BM25 alone cannot lift the passages that
 * name it. In a large index ({@value HybridSearch#RARE_TERMS_MIN_PASSAGES} passages or more), the
 * question's rare words (in at most {@value HybridSearch#RARE_TERM_SHARE_PERCENT}% of the passages)
 * count as names too, for questions typed without capitals.
 *
 * <p>The minimum similarity keeps unrelated questions from getting sources: a hit must have a
 * cosine similarity of at least {@code minSimilarity} to the question (computed for keyword-only
 * hits too), unless it is an exact keyword match, that is a BM25 hit containing every word of the
 * question that is not a stop word, or every rare word of it (names, codes and rare terms the
 * embedding may rate low).
 *
 * <p>The keyword side analyzes text with Lucene's StandardAnalyzer and a short stop list, without
 * stemming ({@link KeywordTerms} says why).
 *
 * <p>This class keeps the index's life cycle (documents, commits, snapshots, merging); the search
 * itself is {@link HybridSearch}'s.
 *
 * <p>Thread-safe: searches run concurrently with a writer; what was added becomes visible at {@link
 * #commit()} or {@link #refresh()}. For a rebuild, {@link #create} a new index in a fresh
 * directory, fill and commit it, then swap it in for the old one and close that.
 */
public final class PassageIndex implements Closeable {
  /**
   * A default for the minimum cosine similarity. With all-MiniLM-L6-v2 (quantized), the 62
   * hand-written paraphrases of the test pairs scored at least 0.32 against their source question
   * (10th percentile 0.48, median 0.70), and 20 off-topic questions at most 0.39 against any
   * passage of those pairs (15 of them under 0.3).
   */
  public static final double DEFAULT_MIN_SIMILARITY = 0.35;

  /** Commit data key naming the embedding model the vectors came from. */
  public static final String EMBEDDING_MODEL_KEY = "embedding.model";

  static final String ID = "id";
  static final String DATASET = "dataset";
  static final String RECORD = "record";
  static final String KIND = "kind";
  static final String TEXT = "text";
  static final String ANSWER = "answer";
  static final String HEADING = "heading";
  static final String VECTOR = "vector";

  /** Extensions of the files read by position rather than mapped: float vectors, stored fields. */
  private static final Set<String> READ_BY_POSITION = Set.of("vec", "fdt");

  /**
   * Searches walk the vectors as bytes (Lucene's int8 scalar quantization), a quarter of the
   * floats' size, so that the part of the index a search touches fits in the little page cache a
   * 512 MB server has beside its JVM. The floats stay in the index for merges and for the exact
   * similarity of keyword-only hits. Indexes written before still open: each segment names its own
   * vector format.
   */
  private static final int MAX_CONNECTIONS = 16;

  /**
   * Candidates kept while a vector is inserted into the HNSW graph (Lucene's default is 100). On
   * 54,000 Brown passages in 18 segments, 40 built and merged the graphs in 47 s instead of 127 s,
   * for a recall@8 of 0.958 against an exact search instead of 0.960.
   */
  private static final int BEAM_WIDTH = 40;

  private static final Codec QUANTIZED_VECTORS =
      new Lucene912Codec() {
        @Override
        public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
          return new Lucene99HnswScalarQuantizedVectorsFormat(MAX_CONNECTIONS, BEAM_WIDTH);
        }
      };

  private final Path path;
  private final Directory directory;
  private final KeywordTerms keywords = new KeywordTerms();
  private final HybridSearch search = new HybridSearch(keywords);
  private final IndexWriter writer;
  private final SearcherManager searchers;
  private final String embeddingModel;
  // Keeps a commit's files while a backup copies them, though the index goes on changing.
  private final SnapshotDeletionPolicy snapshots =
      new SnapshotDeletionPolicy(new KeepOnlyLastCommitDeletionPolicy());

  private PassageIndex(
      Path path, Directory directory, IndexWriterConfig.OpenMode mode, String model)
      throws IOException {
    this.path = path;
    this.directory = directory;
    IndexWriterConfig config = new IndexWriterConfig(keywords.analyzer()).setOpenMode(mode);
    // A larger buffer means fewer segments to merge, and HNSW merges are the slow part.
    config.setRAMBufferSizeMB(32);
    // Compound files would put a segment's float vectors among the files mapped (onDisk).
    config.setUseCompoundFile(false);
    TieredMergePolicy merges = new TieredMergePolicy();
    merges.setNoCFSRatio(0);
    config.setMergePolicy(merges);
    config.setCodec(QUANTIZED_VECTORS);
    config.setIndexDeletionPolicy(snapshots);
    this.writer = new IndexWriter(directory, config);
    if (model != null) {
      writer.setLiveCommitData(Map.of(EMBEDDING_MODEL_KEY, model).entrySet());
      writer.commit();
    }
    this.embeddingModel = model != null ? model : committedModel(directory);
    this.searchers = new SearcherManager(writer, null);
  }

  /**
   * A new, empty index in {@code directory}, which must not hold an index yet.
   *
   * @param embeddingModel the model whose vectors it will hold, kept in the commit data
   */
  public static PassageIndex create(Path directory, String embeddingModel) {
    try {
      Directory fs = onDisk(directory);
      if (DirectoryReader.indexExists(fs)) {
        fs.close();
        throw new IllegalStateException("An index already exists in " + directory);
      }
      return new PassageIndex(directory, fs, IndexWriterConfig.OpenMode.CREATE, embeddingModel);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create the index in " + directory, e);
    }
  }

  /** The index in {@code directory}, as last committed. */
  public static PassageIndex open(Path directory) {
    try {
      Directory fs = onDisk(directory);
      if (!DirectoryReader.indexExists(fs)) {
        fs.close();
        throw new IllegalStateException("No index in " + directory);
      }
      return new PassageIndex(directory, fs, IndexWriterConfig.OpenMode.APPEND, null);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot open the index in " + directory, e);
    }
  }

  /**
   * Maps the files searches read at random (the 8-bit vectors, the HNSW graphs, terms and postings:
   * about 30 MB for 54,000 passages), and reads the float vectors and stored fields, four times
   * larger and read only by merges and for a search's few hits, with positioned reads. Mapped, the
   * floats' random reads faulted in the kernel's 128 KB read-around windows and pushed the pages
   * searches needed out of a 512 MB memory limit; read by position, everything was, and a search on
   * 54,000 Brown passages took 14 ms in the vector graph instead of 2 ms mapped.
   */
  private static Directory onDisk(Path directory) throws IOException {
    return new FileSwitchDirectory(
        READ_BY_POSITION, new NIOFSDirectory(directory), new MMapDirectory(directory), true);
  }

  /** An index in memory, for tests. */
  public static PassageIndex inMemory(String embeddingModel) {
    try {
      return new PassageIndex(
          null, new ByteBuffersDirectory(), IndexWriterConfig.OpenMode.CREATE, embeddingModel);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The directory on disk, or null for an index in memory. */
  public Path path() {
    return path;
  }

  /** The embedding model the index was created for (its vectors only compare with that one's). */
  public String embeddingModel() {
    return embeddingModel;
  }

  /**
   * Adds passages with their unit vectors, replacing passages of the same id. They become
   * searchable at the next {@link #commit()} or {@link #refresh()}.
   */
  public void add(List<Passage> passages, List<float[]> vectors) {
    if (passages.size() != vectors.size()) {
      throw new IllegalArgumentException(
          passages.size() + " passages but " + vectors.size() + " vectors");
    }
    try {
      for (int i = 0; i < passages.size(); i++) {
        Passage passage = passages.get(i);
        writer.updateDocument(new Term(ID, passage.id()), document(passage, vectors.get(i)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot add passages to the index", e);
    }
  }

  /** Deletes every passage of a dataset (visible at the next commit or refresh). */
  public void deleteDataset(long datasetId) {
    try {
      writer.deleteDocuments(LongPoint.newExactQuery(DATASET, datasetId));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot delete from the index", e);
    }
  }

  /** Deletes the passages of every dataset but {@code datasetIds} (visible at the next commit). */
  public void keepOnlyDatasets(Collection<Long> datasetIds) {
    BooleanQuery.Builder others =
        new BooleanQuery.Builder()
            .add(new MatchAllDocsQuery(), BooleanClause.Occur.MUST)
            .add(LongPoint.newSetQuery(DATASET, datasetIds), BooleanClause.Occur.MUST_NOT);
    try {
      writer.deleteDocuments(others.build());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot delete from the index", e);
    }
  }

  /** Makes the changes durable and visible to searches. */
  public void commit() {
    try {
      writer.commit();
      searchers.maybeRefreshBlocking();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot commit the index", e);
    }
  }

  /**
   * Merges the index into one segment and commits: searches then walk one HNSW graph instead of one
   * per segment. For the end of a full build, before the index is swapped in; it takes about as
   * long as building the graph again.
   */
  public void mergeToOneSegment() {
    try {
      writer.forceMerge(1);
      commit();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot merge the index", e);
    }
  }

  /** Reads one file of a commit. */
  @FunctionalInterface
  public interface CommitFileReader {
    void read(String name, InputStream content) throws IOException;
  }

  /**
   * Hands each file of the last commit to {@code reader}, the files staying as they are until it is
   * done, while adding, deleting and committing go on.
   */
  public void readLastCommit(CommitFileReader reader) throws IOException {
    if (path == null) {
      throw new IllegalStateException("An index in memory has no files to read");
    }
    IndexCommit commit = snapshots.snapshot();
    try {
      for (String name : commit.getFileNames()) {
        try (InputStream content = Files.newInputStream(path.resolve(name))) {
          reader.read(name, content);
        }
      }
    } finally {
      snapshots.release(commit);
      writer.deleteUnusedFiles();
    }
  }

  /** Makes the changes visible to searches without making them durable. */
  public void refresh() {
    try {
      searchers.maybeRefreshBlocking();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot refresh the index", e);
    }
  }

  /** Passages visible to searches. */
  public int count() {
    return withSearcher(searcher -> searcher.getIndexReader().numDocs());
  }

  /** Passages of one dataset visible to searches. */
  public int count(long datasetId) {
    return withSearcher(searcher -> searcher.count(LongPoint.newExactQuery(DATASET, datasetId)));
  }

  /**
   * The best {@code k} passages for a question, by reciprocal rank fusion of the vector and keyword
   * searches, each hit having a cosine similarity of at least {@code minSimilarity} or being an
   * exact keyword match (see the class comment).
   *
   * @param queryVector the question's unit vector from the index's embedding model
   */
  public List<SearchHit> search(
      String queryText, float[] queryVector, int k, double minSimilarity) {
    if (k < 1) {
      return List.of();
    }
    return withSearcher(
        searcher -> search.passages(searcher, queryText, queryVector, k, minSimilarity));
  }

  /**
   * The best passage of each of the best {@code k} records (a question and answer, or a text chunk,
   * as {@link RecordRanking} groups them), by cosine similarity, from what the searches find (the
   * same filter as {@link #search}): a record found by the vectors alone competes with those both
   * searches found. Only the passages returned are read from the stored fields.
   */
  public List<SearchHit> searchRecords(
      String queryText, float[] queryVector, int k, double minSimilarity) {
    return withSearcher(
        searcher -> search.records(searcher, queryText, queryVector, k, minSimilarity));
  }

  /**
   * For each text, the share of a question's words it holds, each word weighted by its rarity in
   * the index (inverse document frequency: a word no passage holds weighs most, one most passages
   * hold next to nothing). A question without a word to weigh (only stop words) is wholly held.
   */
  public List<Double> shareOfWordsHeld(String question, List<String> texts) {
    return withSearcher(
        searcher -> {
          Map<String, Double> weights = wordWeights(searcher.getIndexReader(), question);
          double total = weights.values().stream().mapToDouble(Double::doubleValue).sum();
          List<Double> shares = new ArrayList<>();
          for (String text : texts) {
            double held =
                keywords.heldIn(text, weights.keySet()).stream().mapToDouble(weights::get).sum();
            shares.add(total == 0 ? 1.0 : held / total);
          }
          return shares;
        });
  }

  private Map<String, Double> wordWeights(IndexReader reader, String question) throws IOException {
    Map<String, Double> weights = new HashMap<>();
    int passages = reader.numDocs();
    for (String term : keywords.of(question)) {
      int holding = reader.docFreq(new Term(TEXT, term));
      weights.put(term, Math.log((passages + 1.0) / (holding + 0.5)));
    }
    return weights;
  }

  /** The stored passage of this id, if the index holds it (scores are 0: it was not searched). */
  public Optional<SearchHit> stored(String id) {
    return withSearcher(searcher -> search.stored(searcher, id));
  }

  @Override
  public void close() {
    try {
      searchers.close();
      writer.close();
      directory.close();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot close the index", e);
    }
  }

  private static Document document(Passage passage, float[] vector) {
    double norm = 0;
    for (float v : vector) {
      norm += v * v;
    }
    if (Math.abs(Math.sqrt(norm) - 1) > 1e-3) {
      throw new IllegalArgumentException("The vector of " + passage.id() + " is not unit length");
    }
    Document document = new Document();
    document.add(new StringField(ID, passage.id(), Field.Store.YES));
    document.add(new LongPoint(DATASET, passage.datasetId()));
    document.add(new StoredField(DATASET, passage.datasetId()));
    document.add(new StoredField(RECORD, passage.recordId()));
    document.add(new StringField(KIND, passage.kind(), Field.Store.YES));
    document.add(new TextField(TEXT, passage.text(), Field.Store.YES));
    if (passage.answer() != null) {
      document.add(new StoredField(ANSWER, passage.answer()));
    }
    if (passage.kind().equals(Passage.TEXT) && passage.heading() != null) {
      document.add(new StoredField(HEADING, passage.heading()));
    }
    document.add(new KnnFloatVectorField(VECTOR, vector, VectorSimilarityFunction.DOT_PRODUCT));
    return document;
  }

  private static String committedModel(Directory directory) throws IOException {
    return SegmentInfos.readLatestCommit(directory).getUserData().get(EMBEDDING_MODEL_KEY);
  }

  private <T> T withSearcher(SearcherFunction<T> function) {
    try {
      IndexSearcher searcher = searchers.acquire();
      try {
        return function.apply(searcher);
      } finally {
        searchers.release(searcher);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot search the index", e);
    }
  }

  private interface SearcherFunction<T> {
    T apply(IndexSearcher searcher) throws IOException;
  }
}
