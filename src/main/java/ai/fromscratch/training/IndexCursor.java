package ai.fromscratch.training;

import ai.fromscratch.dataset.RecordCursor;
import java.io.Serializable;
import java.util.List;

/** The index step's checkpoint: the datasets it set out to index, and where it stands in them. */
record IndexCursor(List<Long> datasets, RecordCursor records) implements Serializable {}
