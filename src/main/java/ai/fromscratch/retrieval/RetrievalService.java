package ai.fromscratch.retrieval;

import ai.fromscratch.dataset.DatasetDeleted;
import ai.fromscratch.dataset.DatasetJson;
import ai.fromscratch.dataset.DatasetService;
import ai.fromscratch.platform.ApiException;
import ai.fromscratch.platform.Setting;
import ai.fromscratch.platform.Settings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Search over the owner's data, and the bookkeeping of what is indexed: which datasets have all
 * their passages in the index (and for which embedding model), kept in step when datasets go.
 */
@ApplicationScoped
@Transactional
public class RetrievalService {
  private static final Logger LOG = Logger.getLogger(RetrievalService.class.getName());
  public static final int MAX_K = 50;
  public static final int MAX_QUERY_CHARS = 2_000;

  @Inject PassageStore store;
  @Inject Settings settings;
  @Inject DatasetService datasets;

  @PersistenceContext(unitName = "fromscratch")
  EntityManager em;

  /** The hybrid search of the API and the chat: passages like the query, best first. */
  public List<RetrievedPassage> search(String query, int k) {
    if (query == null || query.isBlank()) {
      throw ApiException.badRequest("q must not be empty");
    }
    if (query.length() > MAX_QUERY_CHARS) {
      throw ApiException.badRequest("q must be at most " + MAX_QUERY_CHARS + " characters");
    }
    return sources(hits(query, k));
  }

  /** Hits as the API shows them, with their datasets' names. */
  public List<RetrievedPassage> sources(List<SearchHit> hits) {
    Map<Long, String> names = new HashMap<>();
    return hits.stream()
        .map(hit -> RetrievedPassage.of(hit, names.computeIfAbsent(hit.datasetId(), this::name)))
        .toList();
  }

  /** The raw hits for a query, as the search API shows them. */
  public List<SearchHit> hits(String query, int k) {
    PassageIndex index = store.index();
    if (index.count() == 0) {
      return List.of();
    }
    float[] vector = store.embedder().embed(query);
    return index.search(query, vector, k, settings.getDouble(Setting.RAG_MIN_SIMILARITY));
  }

  /**
   * The best {@code k} records for a question, as answers use them ({@link RecordRanking}); a
   * follow-up's search also reads the question before it ({@link Query#followUp}).
   */
  public List<RecordHit> records(String question, Optional<String> earlier, int k) {
    PassageIndex index = store.index();
    if (index.count() == 0) {
      return List.of();
    }
    return RecordRanking.search(
        index,
        Query.followUp(store.embedder(), question, earlier),
        k,
        settings.getDouble(Setting.RAG_MIN_SIMILARITY));
  }

  /** Whether the index holds any passage at all: without one, nothing can support an answer. */
  public boolean hasPassages() {
    return store.index().count() > 0;
  }

  /** The records as the answer lists its sources. */
  public List<RetrievedPassage> recordSources(List<RecordHit> records) {
    Map<Long, String> names = new HashMap<>();
    return records.stream()
        .map(
            record ->
                RetrievedPassage.of(record, names.computeIfAbsent(record.datasetId(), this::name)))
        .toList();
  }

  private String name(long datasetId) {
    try {
      return datasets.get(datasetId).name();
    } catch (ApiException e) {
      return "(deleted dataset " + datasetId + ")";
    }
  }

  public int defaultK() {
    return settings.getInt(Setting.RAG_TOP_K);
  }

  public Chunker chunker() {
    return new Chunker(
        settings.getInt(Setting.RAG_CHUNK_CHARS), settings.getInt(Setting.RAG_CHUNK_OVERLAP));
  }

  /**
   * Of {@code ids}, the datasets whose passages are not all in the index yet, or were embedded by
   * another model or cut another way (an older version's chunking, another RAG_CHUNK_CHARS).
   */
  public List<Long> needIndexing(List<Long> ids) {
    String model = store.embedder().model().canonicalName();
    String scheme = chunker().scheme();
    return ids.stream()
        .filter(
            id -> {
              IndexedDataset indexed = em.find(IndexedDataset.class, id);
              return indexed == null || !indexed.isCurrent(model, scheme);
            })
        .toList();
  }

  /**
   * Merges the index into one segment once a job has indexed: the index step commits at every
   * checkpoint and leaves about ten segments on Brown, and a search walking ten HNSW graphs took a
   * chat's retrieval twice the time of one. Outside a transaction: it takes tens of seconds.
   */
  @Transactional(Transactional.TxType.NOT_SUPPORTED)
  public void mergeIndex() {
    long started = System.nanoTime();
    store.index().mergeToOneSegment();
    LOG.info(
        () ->
            String.format(
                "Merged the index into one segment in %.1f s",
                (System.nanoTime() - started) / 1e9));
  }

  /** Records that a dataset's passages are all in the index (after the index's commit). */
  public void markIndexed(long datasetId) {
    IndexedDataset existing = em.find(IndexedDataset.class, datasetId);
    if (existing != null) {
      em.remove(existing);
      em.flush();
    }
    em.persist(
        new IndexedDataset(
            datasetId,
            store.index().count(datasetId),
            store.embedder().model().canonicalName(),
            chunker().scheme()));
  }

  public IndexStatus status() {
    List<IndexedDataset> indexed =
        em.createQuery("SELECT i FROM IndexedDataset i ORDER BY i.datasetId", IndexedDataset.class)
            .getResultList();
    return new IndexStatus(
        store.index().count(),
        store.embedder().model().canonicalName(),
        indexed.stream().map(IndexedDataset::getDatasetId).toList());
  }

  void onDatasetDeleted(@Observes DatasetDeleted event) {
    PassageIndex index = store.index();
    index.deleteDataset(event.datasetId());
    index.commit();
    IndexedDataset indexed = em.find(IndexedDataset.class, event.datasetId());
    if (indexed != null) {
      em.remove(indexed);
    }
  }

  /**
   * Deletes from the index the passages of datasets that no longer exist: a release made elsewhere
   * may hold a dataset deleted here meanwhile, and a deletion may have reached an index that was
   * being replaced.
   */
  public void dropDeletedDatasets() {
    PassageIndex index = store.index();
    index.keepOnlyDatasets(datasets.list().stream().map(DatasetJson::id).toList());
    index.commit();
  }

  /**
   * A new or rebuilt index holds nothing: forget what was recorded as indexed in it. Not with a
   * shared database: there the records describe the index of the newest release, which this
   * instance fetches shortly, whatever its own disk holds now.
   */
  void reconcileAtStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
    if (settings.sharedDatabase()) {
      return;
    }
    PassageIndex index = store.index();
    for (IndexedDataset indexed :
        em.createQuery("SELECT i FROM IndexedDataset i", IndexedDataset.class).getResultList()) {
      if (index.count(indexed.getDatasetId()) == 0
          || !indexed.getEmbeddingModel().equals(index.embeddingModel())) {
        em.remove(indexed);
      }
    }
  }

  /** What the index holds. */
  public record IndexStatus(long passages, String model, List<Long> datasets)
      implements Serializable {}
}
