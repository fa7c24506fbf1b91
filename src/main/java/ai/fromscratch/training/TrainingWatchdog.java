package ai.fromscratch.training;

import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

/**
 * Every five seconds, for this instance's jobs: stops those another instance was asked to stop,
 * and, as the last line of defence for a job whose end was never recorded (its listener's write
 * failed, or its thread died), ends those whose batch execution has ended, so a lost job never
 * holds the training slot until the server restarts.
 */
@Singleton
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class TrainingWatchdog {
  @Inject TrainingService training;

  @Schedule(hour = "*", minute = "*", second = "*/5", persistent = false)
  void sweep() {
    training.forwardStops();
    training.endLostJobs();
  }
}
