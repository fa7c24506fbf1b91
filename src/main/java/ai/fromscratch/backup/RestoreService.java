package ai.fromscratch.backup;

import ai.fromscratch.platform.ApiException;
import ai.fromscratch.platform.BackedUpFolder;
import ai.fromscratch.platform.DataDirectory;
import ai.fromscratch.platform.DataRestored;
import ai.fromscratch.platform.ModelPresence;
import ai.fromscratch.platform.RestoreParticipant;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Restores a backup, local or from S3: every file is checked against the manifest before anything
 * changes; then the models, tokenizer and index folders are swapped in and the tables replaced in
 * one transaction, the folders swapped back if that fails. The capabilities take part without this
 * one knowing them ({@link RestoreParticipant}): any may hold the restore off while its work runs,
 * and each then ends the work the backup caught running or loads what was restored.
 */
@ApplicationScoped
public class RestoreService {
  private static final Logger LOG = Logger.getLogger(RestoreService.class.getName());

  @Inject DataDirectory dataDirectory;
  @Inject BackupService backups;
  @Inject S3BackupStore s3;
  @Inject BackupLock lock;
  @Inject Instance<RestoreParticipant> participants;
  @Inject Instance<BackedUpFolder> folders;
  @Inject ModelPresence modelPresence;
  @Inject Event<DataRestored> restored;

  @Resource(lookup = "jdbc/fromscratch")
  DataSource dataSource;

  /** Restores the named backup, from this server's copy or else from S3. */
  public RestoreReport restore(String name) {
    BackupService.checkedName(name);
    try (BackupLock.Held held = lock.acquire()) {
      refuseWhileBusy();
      return restoreArchive(localCopy(name));
    } catch (IOException e) {
      throw new UncheckedIOException("The restore failed: " + e.getMessage(), e);
    }
  }

  /**
   * At start-up on an empty data directory (a new Render instance), restores the newest backup in
   * S3, if S3 is set up and holds one.
   */
  public Optional<RestoreReport> restoreNewestIfEmpty() {
    if (!s3.enabled()) {
      return Optional.empty();
    }
    if (!backups.holdsNoData()) {
      LOG.info("The data directory holds data: no restore from S3 at start-up");
      return Optional.empty();
    }
    List<RemoteBackup> remote = s3.list();
    if (remote.isEmpty()) {
      LOG.info("The data directory is empty and " + s3.location() + " holds no backup yet");
      return Optional.empty();
    }
    String newest = remote.get(0).name();
    LOG.info(() -> "The data directory is empty: restoring " + newest + " from " + s3.location());
    RestoreReport report = restore(newest);
    LOG.info(
        () ->
            "Restored "
                + newest
                + " (taken "
                + report.takenAt()
                + ") at start-up: "
                + report.tables()
                + " rows, "
                + report.files()
                + " files");
    return Optional.of(report);
  }

  private void refuseWhileBusy() {
    for (RestoreParticipant participant : participants) {
      participant
          .busyReason()
          .ifPresent(
              reason -> {
                throw ApiException.conflict(reason);
              });
    }
  }

  private Path localCopy(String name) throws IOException {
    Path archive = dataDirectory.backups().resolve(name);
    if (Files.exists(archive)) {
      return archive;
    }
    if (!s3.enabled() || s3.list().stream().noneMatch(remote -> remote.name().equals(name))) {
      throw ApiException.notFound("No backup is named " + name);
    }
    Path downloaded = dataDirectory.work().resolve(name);
    s3.download(name, downloaded);
    return downloaded;
  }

  private RestoreReport restoreArchive(Path archive) throws IOException {
    try (Staging staging = new Staging(dataDirectory.work())) {
      BackupManifest manifest;
      try {
        manifest = BackupArchiveReader.extractVerified(archive, staging.resolve("unpacked"));
      } catch (BackupRejectedException e) {
        throw new ApiException(
            422, "Backup " + archive.getFileName() + " cannot be restored: " + e.getMessage());
      }
      replaceData(staging, manifest);
      // At once, and the restored work first, before the training watchdog takes a restored
      // running job for lost.
      participants.stream()
          .sorted(Comparator.comparingInt(RestoreParticipant::order))
          .forEach(RestoreParticipant::afterRestore);
      restored.fire(new DataRestored(archive.getFileName().toString()));
      backups.releasePruning();
      LOG.info(() -> "Restored the backup " + archive.getFileName());
      return new RestoreReport(
          archive.getFileName().toString(),
          manifest.createdAt(),
          manifest.appVersion(),
          manifest.tables(),
          manifest.entries().size(),
          modelPresence.hasModel());
    } finally {
      if (archive.startsWith(dataDirectory.work())) {
        Files.deleteIfExists(archive);
      }
    }
  }

  /** Swaps the folders in, replaces the tables; on failure, puts the folders back. */
  private void replaceData(Staging staging, BackupManifest manifest) throws IOException {
    Path unpacked = staging.resolve("unpacked");
    FolderSwap models =
        FolderSwap.swap(
            dataDirectory.root().resolve("models"),
            unpacked.resolve("models"),
            staging.resolve("previous/models"));
    FolderSwap tokenizerFolder =
        FolderSwap.swap(
            dataDirectory.tokenizer(),
            unpacked.resolve("tokenizer"),
            staging.resolve("previous/tokenizer"));
    List<BackedUpFolder.Undo> undos = new ArrayList<>();
    try {
      for (BackedUpFolder folder : folders) {
        undos.add(folder.restore(unpacked.resolve(folder.folder())));
      }
      try (Connection connection = dataSource.getConnection()) {
        TableRestore.restore(connection, unpacked, manifest);
      }
    } catch (SQLException | IOException | RuntimeException e) {
      for (BackedUpFolder.Undo undo : undos) {
        undo.undo();
      }
      tokenizerFolder.undo();
      models.undo();
      if (e instanceof BackupRejectedException rejected) {
        throw new ApiException(422, "The backup cannot be restored: " + rejected.getMessage());
      }
      throw new IOException("The tables could not be restored: " + e.getMessage(), e);
    }
  }
}
