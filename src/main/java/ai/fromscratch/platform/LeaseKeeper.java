package ai.fromscratch.platform;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every third of JOB_LEASE_SECONDS: renews this instance's leases, and announces the work whose
 * lease another instance let run out ({@link WorkLapsed}), then ends that lease so it is announced
 * once. Two instances may both announce it; the capabilities' conditional updates make the second a
 * no-op.
 */
@Singleton
@Startup
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class LeaseKeeper {
  private static final Logger LOG = Logger.getLogger(LeaseKeeper.class.getName());

  @Resource TimerService timers;
  @Inject WorkLeaseStore store;
  @Inject WorkLeases leases;
  @Inject InstanceName instance;
  @Inject Settings settings;
  @Inject Event<WorkLapsed> lapsed;

  @PostConstruct
  void schedule() {
    long every = settings.getInt(Setting.JOB_LEASE_SECONDS) * 1000L / 3;
    timers.createIntervalTimer(every, every, new TimerConfig(null, false));
  }

  @Timeout
  void keep() {
    try {
      store.renew(instance.get(), leases.expiry());
      for (WorkLease lease : store.lapsed(instance.get(), Instant.now())) {
        int space = lease.getWork().lastIndexOf(' ');
        lapsed.fire(
            new WorkLapsed(
                lease.getWork().substring(0, space),
                Long.parseLong(lease.getWork().substring(space + 1)),
                lease.getHolder(),
                lease.getUntil()));
        store.end(lease.getWork(), lease.getHolder());
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Could not renew or check the work leases; trying again shortly", e);
    }
  }
}
