package ai.fromscratch.training;

import ai.fromscratch.dataset.RecordTurns;
import ai.fromscratch.retrieval.Chunker;
import ai.fromscratch.retrieval.RecordPassages;
import ai.fromscratch.retrieval.RetrievalService;
import jakarta.batch.api.chunk.ItemProcessor;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** Turns a record into its passages: questions with their answers, and chunks of its texts. */
@Named
@Dependent
public class PassageProcessor implements ItemProcessor {
  @Inject RetrievalService retrieval;

  private Chunker chunker;

  @Override
  public Object processItem(Object item) {
    if (chunker == null) {
      chunker = retrieval.chunker();
    }
    RecordTurns record = (RecordTurns) item;
    return RecordPassages.of(record.datasetId(), record.ordinal(), record.turns(), chunker);
  }
}
