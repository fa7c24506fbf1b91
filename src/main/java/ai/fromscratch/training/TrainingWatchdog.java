package ai.fromscratch.training;

import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

/**
 * The last line of defence for a job whose end was never recorded (its listener's write failed, or
 * its thread died): once a minute, active jobs whose batch execution has ended are ended too, so a
 * lost job never holds the training slot until the server restarts.
 */
@Singleton
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class TrainingWatchdog {
  @Inject TrainingService training;

  @Schedule(hour = "*", minute = "*", persistent = false)
  void sweep() {
    training.endLostJobs();
  }
}
