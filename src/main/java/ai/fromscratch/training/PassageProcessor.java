package ai.fromscratch.training;

import ai.fromscratch.dataset.RecordTurns;
import ai.fromscratch.retrieval.Chunker;
import ai.fromscratch.retrieval.Passage;
import ai.fromscratch.retrieval.RecordPassages;
import ai.fromscratch.retrieval.RetrievalService;
import jakarta.batch.api.chunk.ItemProcessor;
import jakarta.batch.runtime.context.StepContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;

/** Turns a record into its passages: questions with their answers, and chunks of its texts. */
@Named
@Dependent
public class PassageProcessor implements ItemProcessor {
  @Inject RetrievalService retrieval;
  @Inject StepContext step;

  private Chunker chunker;

  @Override
  public Object processItem(Object item) {
    if (chunker == null) {
      chunker = retrieval.chunker();
    }
    RecordTurns record = (RecordTurns) item;
    List<Passage> passages =
        RecordPassages.of(record.datasetId(), record.ordinal(), record.turns(), chunker);
    IndexChunk.of(step).add(passages);
    return passages;
  }
}
