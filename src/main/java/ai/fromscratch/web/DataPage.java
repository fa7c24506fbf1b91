package ai.fromscratch.web;

import ai.fromscratch.dataset.DatasetJson;
import ai.fromscratch.dataset.DatasetService;
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
public class DataPage implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Records a preview page shows at first (the {@code rows} of data.xhtml's preview table). */
  public static final int PREVIEW_ROWS = 10;

  @Inject DataDirectory dataDirectory;
  @Inject DatasetService datasetService;
  @Inject Engine engine;

  private List<DatasetJson> datasets;
  private StorageUsage storage;
  private RecordPreview preview;
  private Long requestedDataset;
  private Long requestedRecord;
  private int previewFirst;
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
    previewFirst = 0;
    requestedRecord = null;
  }

  /**
   * Opens the record a link names ({@code data?dataset=3&record=17}, as a chat answer's sources
   * link to theirs): the preview at its page, the record marked.
   */
  public void openRequested() {
    if (requestedDataset == null) {
      return;
    }
    Long record = requestedRecord;
    try {
      preview(requestedDataset);
    } catch (ApiException e) {
      FacesContext.getCurrentInstance()
          .addMessage(null, new FacesMessage(FacesMessage.SEVERITY_WARN, e.getMessage(), null));
      return;
    }
    if (record != null && record >= 1 && record <= preview.getDataset().records()) {
      requestedRecord = record;
      previewFirst = (int) ((record - 1) / PREVIEW_ROWS * PREVIEW_ROWS);
    }
  }

  public Long getRequestedDataset() {
    return requestedDataset;
  }

  public void setRequestedDataset(Long requestedDataset) {
    this.requestedDataset = requestedDataset;
  }

  /** The record a link asked for, marked in the preview; null when none was. */
  public Long getRequestedRecord() {
    return requestedRecord;
  }

  public void setRequestedRecord(Long requestedRecord) {
    this.requestedRecord = requestedRecord;
  }

  /** The preview's first row: the page of the record a link asked for. */
  public int getPreviewFirst() {
    return previewFirst;
  }

  public void setPreviewFirst(int previewFirst) {
    this.previewFirst = previewFirst;
  }

  public void delete(long datasetId) {
    FacesContext faces = FacesContext.getCurrentInstance();
    try {
      DatasetJson dataset = datasetService.get(datasetId);
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

  public List<DatasetJson> getDatasets() {
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
