package ai.fromscratch.release;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.util.Optional;

/** The database's release files, a chunk per transaction, so no transaction holds a whole file. */
@ApplicationScoped
@Transactional(TxType.REQUIRES_NEW)
public class BlobChunks {
  @PersistenceContext(unitName = "fromscratch")
  EntityManager em;

  public Optional<StoredBlob> stored(String sha256) {
    return Optional.ofNullable(em.find(StoredBlob.class, sha256));
  }

  /** Deletes the chunks an interrupted write left. */
  public void discard(String sha256) {
    em.createQuery("DELETE FROM BlobChunk c WHERE c.sha256 = :sha")
        .setParameter("sha", sha256)
        .executeUpdate();
  }

  public void write(String sha256, int seq, byte[] data) {
    em.persist(new BlobChunk(sha256, seq, data));
  }

  public void complete(String sha256, long size, int chunks) {
    em.persist(new StoredBlob(sha256, size, chunks));
  }

  /** Deletes a blob: its row saying it is whole, and its chunks, in one transaction. */
  public void remove(String sha256) {
    em.createQuery("DELETE FROM StoredBlob b WHERE b.sha256 = :sha")
        .setParameter("sha", sha256)
        .executeUpdate();
    discard(sha256);
  }

  public byte[] read(String sha256, int seq) {
    return em.createQuery(
            "SELECT c FROM BlobChunk c WHERE c.sha256 = :sha AND c.seq = :seq", BlobChunk.class)
        .setParameter("sha", sha256)
        .setParameter("seq", seq)
        .getSingleResult()
        .data();
  }
}
