package ai.fromscratch.dataset;

import ai.fromscratch.platform.ApiException;
import ai.fromscratch.platform.DataDirectory;
import ai.fromscratch.platform.IncomingFile;
import ai.fromscratch.platform.Settings;
import ai.fromscratch.platform.UploadSpool;
import ai.fromscratch.platform.WorkLeases;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Turns an uploaded file into a dataset, all or nothing: the file streams to disk, its records
 * stream into the database in short transactions while the dataset stays invisible, and only a
 * complete import becomes visible. Any failure removes what was written.
 */
@ApplicationScoped
public class DatasetImportService {
  /** The kind of work an import's lease names. */
  static final String LEASE = "import";

  private static final Logger LOG = Logger.getLogger(DatasetImportService.class.getName());

  @Inject UploadSpool spool;
  @Inject DatasetStore store;
  @Inject WorkLeases leases;
  @Inject DataDirectory dataDirectory;
  @Inject Settings settings;

  /**
   * Receives an upload as it arrives and imports it; with {@code keepPartial}, a JSON document cut
   * short keeps the records before the cut instead of being refused.
   */
  public UploadReport upload(String fileName, InputStream content, boolean keepPartial)
      throws IOException {
    UploadLimits limits = UploadLimits.from(settings).keepingPartialJson(keepPartial);
    IncomingFile incoming = spool.receive(content, limits.maxUploadBytes());
    try {
      return importFile(incoming, displayName(fileName), "upload", null, limits);
    } finally {
      Files.deleteIfExists(incoming.path());
    }
  }

  /** The dataset already holding exactly these bytes, if any (uploads are unique by checksum). */
  public Optional<Long> identicalDataset(IncomingFile incoming) {
    return store.findBySha256(incoming.sha256()).map(Dataset::getId);
  }

  /**
   * Imports a file already written to disk; the file is moved into the uploads folder on success.
   *
   * @param provenance JSON describing where the data came from, or null
   */
  public UploadReport importFile(
      IncomingFile incoming, String name, String source, String provenance) throws IOException {
    return importFile(incoming, name, source, provenance, UploadLimits.from(settings));
  }

  private UploadReport importFile(
      IncomingFile incoming, String name, String source, String provenance, UploadLimits limits)
      throws IOException {
    if (incoming.bytes() == 0) {
      throw UploadRefusedException.unusable("the file is empty");
    }
    store.findBySha256(incoming.sha256()).ifPresent(DatasetImportService::duplicate);
    long id = createImporting(incoming, name, source, provenance);
    leases.take(LEASE, id);
    Path kept = null;
    try {
      ImportSink sink = new ImportSink(id, store, limits.maxRecords());
      SourceFormat format = new DatasetParser(limits).parse(incoming.path(), sink);
      sink.flush();
      if (sink.accepted() == 0) {
        throw new UploadRefusedException(
            422,
            "No record in the file could be used",
            Map.of("rejected", sink.rejected(), "rejections", sink.rejections()));
      }
      kept = keep(incoming.path(), id, name);
      Dataset dataset =
          store
              .markReady(
                  id,
                  format,
                  DatasetJson.schemaJson(sink.schemas()),
                  sink.accepted(),
                  sink.rejected(),
                  sink.tokens(),
                  kept.getFileName().toString())
              .orElseThrow(
                  () ->
                      ApiException.conflict(
                          "The import was cancelled while it ran (a backup was restored);"
                              + " upload the file again"));
      LOG.info(() -> "Imported dataset " + id + " (" + sink.accepted() + " records) from " + name);
      return new UploadReport(
          DatasetJson.of(dataset),
          sink.accepted(),
          sink.rejected(),
          sink.rejections(),
          sink.rejected() > sink.rejections().size());
    } catch (IOException | RuntimeException e) {
      discard(id, kept);
      throw e;
    } finally {
      leases.end(LEASE, id);
    }
  }

  private long createImporting(
      IncomingFile incoming, String name, String source, String provenance) {
    try {
      return store.createImporting(name, source, incoming.sha256(), incoming.bytes(), provenance);
    } catch (PersistenceException | jakarta.transaction.TransactionalException e) {
      // Two identical uploads at once: the unique checksum lets only one through.
      store.findBySha256(incoming.sha256()).ifPresent(DatasetImportService::duplicate);
      throw e;
    }
  }

  private static void duplicate(Dataset existing) {
    throw new ApiException(
        409,
        "This file was already uploaded as dataset "
            + existing.getId()
            + " ("
            + existing.getName()
            + ")",
        Map.of("dataset_id", existing.getId()));
  }

  private Path keep(Path incoming, long id, String name) throws IOException {
    Path target = dataDirectory.uploads().resolve(id + "-" + safeFileName(name));
    return Files.move(incoming, target, StandardCopyOption.ATOMIC_MOVE);
  }

  private void discard(long id, Path kept) {
    try {
      store.delete(id);
      if (kept != null) {
        Files.deleteIfExists(kept);
      }
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.WARNING, "Could not remove the failed import of dataset " + id, e);
    }
  }

  /** The name a dataset gets from its file: the file name without any client-side path. */
  static String displayName(String fileName) {
    String name = fileName == null ? "" : fileName.replace('\\', '/');
    name = name.substring(name.lastIndexOf('/') + 1).strip();
    if (name.isEmpty()) {
      return "upload " + LocalDate.now();
    }
    return name.length() > 255 ? name.substring(0, 255) : name;
  }

  private static String safeFileName(String name) {
    String safe = name.replaceAll("[^A-Za-z0-9._-]", "_");
    return safe.length() > 100 ? safe.substring(safe.length() - 100) : safe;
  }
}
