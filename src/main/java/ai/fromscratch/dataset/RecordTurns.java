package ai.fromscratch.dataset;

import java.util.List;

/** A record's turns with where it stands: what training reads. */
public record RecordTurns(long datasetId, long ordinal, List<Turn> turns) {}
