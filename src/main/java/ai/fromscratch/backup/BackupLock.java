package ai.fromscratch.backup;

import ai.fromscratch.platform.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.locks.ReentrantLock;

/** One backup or restore at a time: a second one asked for meanwhile is refused, not queued. */
@ApplicationScoped
public class BackupLock {
  private final ReentrantLock lock = new ReentrantLock();

  /** Holds the lock until the returned handle is closed; 409 when another one holds it. */
  Held acquire() {
    if (!lock.tryLock()) {
      throw ApiException.conflict("A backup or restore is already running; try again when it ends");
    }
    return lock::unlock;
  }

  /** The lock, held until closed. */
  interface Held extends AutoCloseable {
    @Override
    void close();
  }
}
