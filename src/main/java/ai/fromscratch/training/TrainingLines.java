package ai.fromscratch.training;

import java.util.List;

/** A record turned into training sentences (tokens joined by spaces), for training or held out. */
record TrainingLines(List<String> lines, boolean heldout) {}
