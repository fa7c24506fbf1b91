package ai.fromscratch.web;

import ai.fromscratch.dataset.DatasetService;
import ai.fromscratch.dataset.DatasetView;
import ai.fromscratch.engine.Engine;
import ai.fromscratch.engine.ModelFacts;
import ai.fromscratch.platform.ApiException;
import ai.fromscratch.platform.DataDirectory;
import ai.fromscratch.platform.StorageUsage;
import jakarta.annotation.PostConstruct;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import java.io.Serializable;
import java.util.List;

/** Backs the Data page: storage, the datasets table, record preview and deletion. */
@ViewModel
public class DataView implements Serializable {
  private static final long serialVersionUID = 1L;

  @Inject DataDirectory dataDirectory;
  @Inject DatasetService datasetService;
  @Inject Engine engine;

  private List<DatasetView> datasets;
  private StorageUsage storage;
  private RecordPreview preview;
  private ModelFacts model;

  @PostConstruct
  void load() {
    refresh();
  }

  /** Reloads the table after an upload or a deletion. */
  public void refresh() {
    datasets = datasetService.list();
    storage = dataDirectory.usage();
    model = engine.activeModel().map(ModelFacts::of).orElse(null);
  }

  public void preview(long datasetId) {
    preview = new RecordPreview(datasetService, datasetService.get(datasetId));
  }

  public void delete(long datasetId) {
    FacesContext faces = FacesContext.getCurrentInstance();
    try {
      DatasetView dataset = datasetService.get(datasetId);
      datasetService.delete(datasetId);
      if (preview != null && preview.getDataset().id() == datasetId) {
        preview = null;
      }
      faces.addMessage(
          null, new FacesMessage(FacesMessage.SEVERITY_INFO, "Deleted " + dataset.name(), null));
    } catch (ApiException e) {
      faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_WARN, e.getMessage(), null));
    }
    refresh();
  }

  public List<DatasetView> getDatasets() {
    return datasets;
  }

  public StorageUsage getStorage() {
    return storage;
  }

  /** The answering model's facts, or null before the first training. */
  public ModelFacts getModel() {
    return model;
  }

  public RecordPreview getPreview() {
    return preview;
  }
}
