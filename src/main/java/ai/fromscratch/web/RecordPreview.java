package ai.fromscratch.web;

import ai.fromscratch.dataset.DatasetJson;
import ai.fromscratch.dataset.DatasetService;
import ai.fromscratch.dataset.RecordJson;
import java.util.List;
import java.util.Map;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;

/** The records of one dataset, a page at a time, for the Data page's preview table. */
public class RecordPreview extends LazyDataModel<RecordJson> {
  private static final long serialVersionUID = 1L;

  private final DatasetService datasetService;
  private final DatasetJson dataset;

  RecordPreview(DatasetService datasetService, DatasetJson dataset) {
    this.datasetService = datasetService;
    this.dataset = dataset;
  }

  public DatasetJson getDataset() {
    return dataset;
  }

  @Override
  public int count(Map<String, FilterMeta> filters) {
    return Math.toIntExact(dataset.records());
  }

  @Override
  public List<RecordJson> load(
      int first, int pageSize, Map<String, SortMeta> sort, Map<String, FilterMeta> filters) {
    return datasetService
        .records(dataset.id(), first, Math.min(pageSize, DatasetService.MAX_PAGE))
        .records();
  }

  @Override
  public String getRowKey(RecordJson record) {
    return String.valueOf(record.ordinal());
  }

  @Override
  public RecordJson getRowData(String rowKey) {
    long ordinal = Long.parseLong(rowKey);
    return datasetService.records(dataset.id(), ordinal - 1, 1).records().get(0);
  }
}
