package ai.fromscratch.dataset;

import jakarta.json.bind.annotation.JsonbProperty;
import java.util.List;

/**
 * What an upload did: the dataset it made, and the records it could not use (all counted, the first
 * hundred listed with where they were and why).
 */
public record UploadReport(
    DatasetJson dataset,
    long accepted,
    long rejected,
    List<Rejection> rejections,
    @JsonbProperty("rejections_truncated") boolean rejectionsTruncated) {}
