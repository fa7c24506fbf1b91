package ai.fromscratch.dataset;

import ai.fromscratch.platform.RetriedOnConflict;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The datasets and their records in the database. Each method is its own transaction (reads too, so
 * a batch thread never sees a row as it was at an earlier read), and an import writes its records
 * in many short transactions, so memory stays flat whatever the size.
 */
@ApplicationScoped
@Transactional
@RetriedOnConflict
public class DatasetStore {
  @PersistenceContext(unitName = "fromscratch")
  EntityManager em;

  public long createImporting(
      String name, String source, String sha256, long bytes, String provenance) {
    Dataset dataset = new Dataset(name, source, sha256, bytes, provenance);
    em.persist(dataset);
    em.flush();
    return dataset.getId();
  }

  public void insert(List<DatasetRecord> records) {
    records.forEach(em::persist);
  }

  /**
   * Makes an importing dataset visible, in one conditional update; empty when it is no longer
   * importing (a restore dropped the partial import meanwhile), which it then stays.
   */
  public Optional<Dataset> markReady(
      long id,
      SourceFormat format,
      String schemaMix,
      long records,
      long rejected,
      long tokens,
      String storedFile) {
    int updated =
        em.createQuery(
                "UPDATE Dataset d SET d.status = :ready, d.format = :format,"
                    + " d.schemaMix = :schemaMix, d.records = :records, d.rejected = :rejected,"
                    + " d.tokens = :tokens, d.storedFile = :storedFile"
                    + " WHERE d.id = :id AND d.status = :importing")
            .setParameter("ready", DatasetStatus.READY)
            .setParameter("format", format.name().toLowerCase(Locale.ROOT))
            .setParameter("schemaMix", schemaMix)
            .setParameter("records", records)
            .setParameter("rejected", rejected)
            .setParameter("tokens", tokens)
            .setParameter("storedFile", storedFile)
            .setParameter("id", id)
            .setParameter("importing", DatasetStatus.IMPORTING)
            .executeUpdate();
    return updated == 1 ? Optional.of(em.find(Dataset.class, id)) : Optional.empty();
  }

  /** Removes a dataset and all its records; true when it existed. */
  public boolean delete(long id) {
    Dataset dataset = em.find(Dataset.class, id);
    if (dataset == null) {
      return false;
    }
    em.createNamedQuery(DatasetRecord.DELETE_OF_DATASET)
        .setParameter("dataset", id)
        .executeUpdate();
    em.remove(dataset);
    return true;
  }

  /** A dataset that is ready (importing ones are invisible). */
  public Optional<Dataset> find(long id) {
    return Optional.ofNullable(em.find(Dataset.class, id))
        .filter(dataset -> dataset.getStatus() == DatasetStatus.READY);
  }

  public Optional<Dataset> findBySha256(String sha256) {
    return em.createNamedQuery(Dataset.BY_SHA, Dataset.class)
        .setParameter("sha256", sha256)
        .getResultStream()
        .findFirst();
  }

  public List<Dataset> listReady() {
    return em.createNamedQuery(Dataset.READY, Dataset.class).getResultList();
  }

  public List<DatasetRecord> records(long datasetId, long offset, int limit) {
    return em.createNamedQuery(DatasetRecord.PAGE, DatasetRecord.class)
        .setParameter("dataset", datasetId)
        .setFirstResult(Math.toIntExact(offset))
        .setMaxResults(limit)
        .getResultList();
  }

  /** Records of a dataset after the given ordinal, in order (keyset paging for long reads). */
  public List<DatasetRecord> recordsAfter(long datasetId, long afterOrdinal, int limit) {
    return em.createNamedQuery(DatasetRecord.AFTER, DatasetRecord.class)
        .setParameter("dataset", datasetId)
        .setParameter("after", afterOrdinal)
        .setMaxResults(limit)
        .getResultList();
  }

  /** Datasets whose import was interrupted (by a crash: a live import removes its own). */
  public List<Long> importing() {
    return em.createNamedQuery(Dataset.IMPORTING, Long.class).getResultList();
  }
}
