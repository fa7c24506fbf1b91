package ai.fromscratch.training;

import java.util.concurrent.CancellationException;

/** Lets a batchlet's stop() end its work at the next progress report. */
final class StopSignal {
  private volatile boolean stopping;

  void stop() {
    stopping = true;
  }

  boolean stopping() {
    return stopping;
  }

  /** Called from inside long work: ends it when a stop was asked. */
  void check() {
    if (stopping) {
      throw new CancellationException("stopped");
    }
  }
}
