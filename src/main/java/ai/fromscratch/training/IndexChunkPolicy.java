package ai.fromscratch.training;

import jakarta.batch.api.chunk.AbstractCheckpointAlgorithm;
import jakarta.batch.runtime.context.StepContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** Ends the index step's chunks when {@link IndexChunk} says one is full. */
@Named
@Dependent
public class IndexChunkPolicy extends AbstractCheckpointAlgorithm {
  @Inject StepContext step;

  @Override
  public boolean isReadyToCheckpoint() {
    return IndexChunk.of(step).full();
  }

  @Override
  public void endCheckpoint() {
    IndexChunk.of(step).clear();
  }
}
