package ai.fromscratch.web;

import ai.fromscratch.platform.DataDirectory;
import ai.fromscratch.platform.StorageUsage;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** Backs the Data page. */
@Named
@RequestScoped
public class DataView {
  @Inject DataDirectory dataDirectory;

  private StorageUsage storage;

  @PostConstruct
  void load() {
    storage = dataDirectory.usage();
  }

  public StorageUsage getStorage() {
    return storage;
  }
}
