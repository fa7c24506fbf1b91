package ai.fromscratch.web;

import ai.fromscratch.platform.ServerStartLog;
import ai.fromscratch.platform.ServerStatus;
import ai.fromscratch.platform.StatusService;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** Backs the Analytics page. */
@Named
@RequestScoped
public class AnalyticsView {
  @Inject StatusService statusService;

  @Inject ServerStartLog serverStartLog;

  private ServerStatus status;
  private long starts;

  @PostConstruct
  void load() {
    status = statusService.status();
    starts = serverStartLog.count();
  }

  public ServerStatus getStatus() {
    return status;
  }

  public long getStarts() {
    return starts;
  }
}
