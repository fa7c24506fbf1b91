package ai.fromscratch.dataset;

import java.util.List;

/** A page of a dataset's records. */
public record RecordPage(
    long dataset, long offset, int limit, long total, List<RecordJson> records) {}
