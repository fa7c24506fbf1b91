package ai.fromscratch.training;

import java.io.Serializable;

/** The writer's checkpoint: how long both files were and how many records they held. */
record CorpusCheckpoint(long corpusBytes, long heldoutBytes, long records)
    implements Serializable {}
