package ai.fromscratch.web;

import ai.fromscratch.platform.ServerStatus;
import ai.fromscratch.platform.StatusService;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** Backs the /keepalive page. */
@Named
@RequestScoped
public class KeepalivePage {
  @Inject StatusService statusService;

  private ServerStatus status;

  @PostConstruct
  void load() {
    status = statusService.status();
  }

  public ServerStatus getStatus() {
    return status;
  }
}
