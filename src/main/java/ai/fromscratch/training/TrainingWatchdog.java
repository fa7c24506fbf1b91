package ai.fromscratch.training;

import ai.fromscratch.platform.Setting;
import ai.fromscratch.platform.Settings;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every third of JOB_LEASE_SECONDS: renews this instance's claims on its jobs, fails the jobs of
 * instances whose claims ran out, and, as the last line of defence for a job whose end was never
 * recorded (its listener's write failed, or its thread died), ends this instance's active jobs
 * whose batch execution has ended, so a lost job never holds the training slot.
 */
@Singleton
@Startup
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class TrainingWatchdog {
  private static final Logger LOG = Logger.getLogger(TrainingWatchdog.class.getName());

  @Resource TimerService timers;
  @Inject TrainingService training;
  @Inject Settings settings;

  @PostConstruct
  void schedule() {
    long every = settings.getInt(Setting.JOB_LEASE_SECONDS) * 1000L / 3;
    timers.createIntervalTimer(every, every, new TimerConfig(null, false));
  }

  @Timeout
  void sweep() {
    try {
      training.renewAndReclaim();
      training.endLostJobs();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "The training watchdog's sweep failed; it runs again shortly", e);
    }
  }
}
