package ai.fromscratch.backup;

import ai.fromscratch.platform.ApiException;
import ai.fromscratch.platform.BackedUpFolder;
import ai.fromscratch.platform.BuildInfo;
import ai.fromscratch.platform.DataDirectory;
import ai.fromscratch.platform.Setting;
import ai.fromscratch.platform.Settings;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import javax.sql.DataSource;

/**
 * Takes backups: one archive of the database tables, the models, the tokenizer and the passage
 * index, written under DATA_DIR/backups, uploaded to S3 when it is set up, the newest BACKUP_KEEP
 * kept in each place. An upload that fails leaves the local backup, marked, for the next run.
 */
@ApplicationScoped
public class BackupService {
  private static final Logger LOG = Logger.getLogger(BackupService.class.getName());

  @Inject DataDirectory dataDirectory;
  @Inject Settings settings;
  @Inject S3BackupStore s3;
  @Inject Instance<BackedUpFolder> folders;
  @Inject ParentLinks parentLinks;
  @Inject BackupLock lock;

  @Resource(lookup = "jdbc/fromscratch")
  DataSource dataSource;

  private volatile String lastS3Error;

  /** Why old backups are not deleted for now (a restore at start-up failed), or null. */
  private volatile String pruningHeldBecause;

  /** Takes a backup now; {@code trigger} says why (the API, the page, the schedule). */
  public BackupJson create(String trigger) {
    try (BackupLock.Held held = lock.acquire()) {
      Path archive = write(trigger);
      if (pruningHeldBecause == null) {
        pruneLocal();
      }
      if (s3.enabled()) {
        uploadPending();
        if (pruningHeldBecause == null) {
          pruneRemote();
        }
      }
      // Its own status file says all there is to say: no need to list the bucket again.
      return localView(archive);
    } catch (IOException e) {
      LOG.log(Level.SEVERE, "The backup failed", e);
      throw new UncheckedIOException("The backup failed: " + e.getMessage(), e);
    }
  }

  /** The scheduled backup, skipped while there is nothing to keep (a fresh, empty server). */
  public Optional<BackupJson> createScheduled() {
    if (holdsNoData()) {
      LOG.info("Scheduled backup skipped: there are no datasets, conversations or models yet");
      return Optional.empty();
    }
    return Optional.of(create("schedule"));
  }

  private Path write(String trigger) throws IOException {
    Instant now = Instant.now();
    Path archive = dataDirectory.backups().resolve(BackupNames.of(now));
    long started = System.nanoTime();
    Map<String, Long> tables;
    ArchiveChecksum checksum;
    try (BackupArchiveWriter writer = new BackupArchiveWriter(archive)) {
      // The tables first: a model file the database does not know yet is harmless, the reverse
      // would leave a finished job pointing at a missing model.
      try (Connection connection = dataSource.getConnection()) {
        tables = TableExport.export(connection, writer, parentLinks.all());
      } catch (SQLException e) {
        throw new IOException("Cannot read the database: " + e.getMessage(), e);
      }
      addFiles(writer, DataFiles.MODELS, dataDirectory.models());
      addFiles(writer, DataFiles.TOKENIZER, dataDirectory.tokenizer());
      for (BackedUpFolder folder : folders) {
        folder.backUp((name, in) -> writer.add(folder.folder() + "/" + name, in));
      }
      checksum = writer.finish(BuildInfo.version(), now, tables);
    }
    long rows = tables.values().stream().mapToLong(Long::longValue).sum();
    new BackupStatus(checksum, now, trigger, rows, false, null).writeFor(archive);
    LOG.info(
        () ->
            String.format(
                "Backup %s written (%s: %d bytes, %d rows) in %.1f s",
                archive.getFileName(),
                trigger,
                checksum.size(),
                rows,
                (System.nanoTime() - started) / 1e9));
    return archive;
  }

  private static void addFiles(BackupArchiveWriter writer, String folder, Path directory)
      throws IOException {
    for (Path file : DataFiles.list(directory)) {
      writer.add(folder + file.getFileName(), file);
    }
  }

  /** Uploads every kept local backup that is not in S3 yet, oldest first. */
  private void uploadPending() throws IOException {
    List<Path> archives = new ArrayList<>(localArchives());
    archives.sort(Comparator.naturalOrder());
    String error = null;
    for (Path archive : archives) {
      BackupStatus status = BackupStatus.readFor(archive);
      if (status.uploaded()) {
        continue;
      }
      // Once S3 has failed, the others wait for the next run rather than each timing out.
      if (error == null) {
        try {
          s3.upload(archive, status.checksum());
          status.uploadedNow().writeFor(archive);
          lastS3Error = null;
          LOG.info(() -> "Backup " + archive.getFileName() + " uploaded to " + s3.location());
          continue;
        } catch (RuntimeException e) {
          error = S3Errors.describe(e);
          lastS3Error = error;
        }
      }
      status.uploadFailed(error).writeFor(archive);
      String reason = error;
      LOG.warning(
          () ->
              "Backup "
                  + archive.getFileName()
                  + " stays local only for now; its upload failed: "
                  + reason);
    }
  }

  private void pruneLocal() throws IOException {
    List<Path> archives = localArchives();
    for (Path old : archives.subList(Math.min(keep(), archives.size()), archives.size())) {
      Files.deleteIfExists(BackupStatus.fileFor(old));
      Files.deleteIfExists(old);
      LOG.info(() -> "Deleted the old local backup " + old.getFileName());
    }
  }

  private void pruneRemote() {
    try {
      List<RemoteBackup> remote = s3.list();
      for (RemoteBackup old : remote.subList(Math.min(keep(), remote.size()), remote.size())) {
        s3.delete(old.name());
        LOG.info(() -> "Deleted the old backup " + old.name() + " from S3");
      }
    } catch (RuntimeException e) {
      lastS3Error = S3Errors.describe(e);
      LOG.warning(() -> "Could not prune the backups in S3: " + lastS3Error);
    }
  }

  /** Local backups, newest first. */
  List<Path> localArchives() {
    try (Stream<Path> files = Files.list(dataDirectory.backups())) {
      return files
          .filter(file -> BackupNames.isBackup(file.getFileName().toString()))
          .filter(file -> Files.exists(BackupStatus.fileFor(file)))
          .sorted(Comparator.reverseOrder())
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list the backups", e);
    }
  }

  /** The local and S3 backups, newest first, with the schedule and the state of S3. */
  public BackupOverview overview() {
    Map<String, BackupJson> byName = new LinkedHashMap<>();
    for (Path archive : localArchives()) {
      byName.put(archive.getFileName().toString(), localView(archive));
    }
    String problem =
        s3.enabled() ? lastS3Error : "off: set " + String.join(", ", s3.missingSettings());
    if (s3.enabled()) {
      try {
        for (RemoteBackup remote : s3.list()) {
          byName.merge(
              remote.name(),
              new BackupJson(
                  remote.name(), remote.storedAt(), remote.size(), false, true, "in S3", null),
              (local, inS3) ->
                  new BackupJson(
                      local.name(),
                      local.createdAt(),
                      local.size(),
                      true,
                      true,
                      "local and in S3",
                      local.trigger()));
        }
      } catch (RuntimeException e) {
        problem = "cannot list the bucket: " + S3Errors.describe(e);
      }
    }
    List<BackupJson> backups = new ArrayList<>(byName.values());
    backups.sort(Comparator.comparing(BackupJson::name).reversed());
    return new BackupOverview(
        backups,
        settings.get(Setting.BACKUP_SCHEDULE),
        keep(),
        s3.enabled(),
        s3.enabled() ? s3.location() : null,
        problem,
        pruningHeldBecause,
        durabilityWarning());
  }

  private BackupJson localView(Path archive) {
    try {
      BackupStatus status = BackupStatus.readFor(archive);
      String state =
          status.uploaded()
              ? "local and in S3"
              : status.uploadError() != null
                  ? "local only: upload failed (" + status.uploadError() + "); retried next run"
                  : s3.enabled() ? "local only: upload pending" : "local";
      return new BackupJson(
          archive.getFileName().toString(),
          status.createdAt(),
          status.checksum().size(),
          true,
          status.uploaded(),
          state,
          status.trigger());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Keeps every old backup from now on, for {@code reason}: after a failed restore at start-up, the
   * backups it could not restore may be all there is of the data, and new backups of a server that
   * starts empty must not push them out.
   */
  void holdPruning(String reason) {
    pruningHeldBecause = reason;
    LOG.warning(() -> "Old backups are kept, none deleted, until a restore succeeds: " + reason);
  }

  /** A restore succeeded: old backups may be deleted past BACKUP_KEEP again. */
  void releasePruning() {
    pruningHeldBecause = null;
  }

  /**
   * In production, when nothing outlives the server's disk (no S3 backups, the embedded database):
   * what the owner must know, since Render's free instances lose their disk at every restart.
   */
  String durabilityWarning() {
    if (!settings.isProduction() || s3.enabled() || settings.sharedDatabase()) {
      return null;
    }
    return "Everything is kept only on this server's disk, which Render's free instances lose at"
        + " every restart and deploy: set S3_BUCKET, S3_KEY, S3_SECRET and S3_REGION for backups"
        + " that outlive it (they are restored at start-up), or DB_URL for a database of its own.";
  }

  /** Whether the server holds none of the user's data: no table rows and no model file. */
  boolean holdsNoData() {
    try (Connection connection = dataSource.getConnection()) {
      return TableCatalogue.userRows(connection) == 0
          && DataFiles.list(dataDirectory.models()).stream()
              .noneMatch(file -> file.getFileName().toString().endsWith(".lm"));
    } catch (SQLException | IOException e) {
      throw new IllegalStateException("Cannot tell whether the server holds data", e);
    }
  }

  private int keep() {
    return settings.getInt(Setting.BACKUP_KEEP);
  }

  /** 404 unless {@code name} is the name of a backup. */
  static String checkedName(String name) {
    if (name == null || !BackupNames.isBackup(name)) {
      throw ApiException.notFound("No backup is named " + name);
    }
    return name;
  }
}
