package ai.fromscratch.backup;

import ai.fromscratch.platform.ApiException;
import ai.fromscratch.platform.Interval;
import ai.fromscratch.platform.Setting;
import ai.fromscratch.platform.Settings;
import ai.fromscratch.platform.WorkClaims;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * At start-up, before the app serves, restores the newest S3 backup into an empty data directory;
 * then takes a backup every BACKUP_SCHEDULE with an EJB timer, and, with S3 set up, one more when
 * the server stops (Render stops an instance with SIGTERM, which the container's start.sh turns
 * into a graceful stop). The timer is not persistent: each start schedules it again from the
 * setting. Instances that share a database take each scheduled backup once between them.
 */
@Singleton
@Startup
@DependsOn("Engine")
// Backups and restores commit on their own connection, outside any container transaction.
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class BackupScheduler {
  private static final Logger LOG = Logger.getLogger(BackupScheduler.class.getName());

  @Resource TimerService timers;
  @Inject Settings settings;
  @Inject BackupService backups;
  @Inject RestoreService restores;
  @Inject S3BackupStore s3;
  @Inject WorkClaims claims;

  private Duration every;

  @PostConstruct
  void start() {
    try {
      restores.restoreNewestIfEmpty();
    } catch (RuntimeException e) {
      LOG.log(
          Level.SEVERE,
          "Could not restore the newest backup from S3 at start-up; starting with the data"
              + " directory as it is",
          e);
      backups.holdPruning("the restore at start-up failed: " + e.getMessage());
    }
    String warning = backups.durabilityWarning();
    if (warning != null) {
      LOG.warning(warning);
    }
    String schedule = settings.get(Setting.BACKUP_SCHEDULE);
    every = Interval.parse(schedule);
    if (every == null) {
      LOG.info("Scheduled backups are off (BACKUP_SCHEDULE=" + schedule + ")");
      return;
    }
    timers.createIntervalTimer(every.toMillis(), every.toMillis(), new TimerConfig(null, false));
    LOG.info("A backup will be taken every " + schedule);
  }

  /**
   * The last backup before the server goes: while the engine (which this bean depends on, so it is
   * stopped after) and the database still serve.
   */
  @PreDestroy
  void stopping() {
    try {
      if (s3.enabled() && !backups.holdsNoData()) {
        backups.create("shutdown");
      }
    } catch (RuntimeException e) {
      LOG.log(Level.SEVERE, "The backup at shutdown failed", e);
    }
  }

  /**
   * Each instance's timer fires once an interval; the first in each interval of the clock ({@code
   * BACKUP_SCHEDULE} slots from the epoch) claims it, so instances sharing a database take one
   * backup between them.
   */
  @Timeout
  void scheduled() {
    long millis = every.toMillis();
    String slot =
        "scheduled backup of " + Instant.ofEpochMilli(System.currentTimeMillis() / millis * millis);
    if (!claims.claim(slot)) {
      LOG.info(() -> "Scheduled backup skipped: " + claims.holder(slot) + " took the " + slot);
      return;
    }
    try {
      backups.createScheduled();
    } catch (ApiException e) {
      LOG.info(() -> "Scheduled backup skipped: " + e.getMessage());
    } catch (RuntimeException e) {
      LOG.log(Level.SEVERE, "The scheduled backup failed", e);
    }
  }
}
