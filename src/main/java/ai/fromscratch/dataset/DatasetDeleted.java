package ai.fromscratch.dataset;

/** Fired (as a CDI event) once a dataset and its records are gone, for what derives from them. */
public record DatasetDeleted(long datasetId) {}
