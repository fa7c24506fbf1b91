package ai.fromscratch.retrieval;

import ai.fromscratch.dataset.Turn;
import java.util.ArrayList;
import java.util.List;

/**
 * What a dataset record becomes in the index: each question with its answer (a question passage
 * carrying the answer, and the answer on its own), and the chunks of its texts. A lone answer is a
 * text; system turns are left out.
 */
public final class RecordPassages {
  private RecordPassages() {}

  public static List<Passage> of(long datasetId, long recordId, List<Turn> turns, Chunker chunker) {
    List<Passage> passages = new ArrayList<>();
    int exchange = 0;
    int part = 0;
    String question = null;
    for (Turn turn : turns) {
      switch (turn.role()) {
        case Turn.USER -> {
          if (question != null) {
            passages.addAll(Passage.ofText(datasetId, recordId, part++, question, chunker));
          }
          question = turn.text();
        }
        case Turn.ASSISTANT -> {
          if (question == null) {
            passages.addAll(Passage.ofText(datasetId, recordId, part++, turn.text(), chunker));
          } else {
            passages.addAll(
                Passage.ofChatPair(
                    datasetId, recordId, exchange++, question, turn.text(), chunker));
            question = null;
          }
        }
        case Turn.TEXT ->
            passages.addAll(Passage.ofText(datasetId, recordId, part++, turn.text(), chunker));
        default -> {
          // System prompts are instructions, not knowledge to retrieve.
        }
      }
    }
    if (question != null) {
      passages.addAll(Passage.ofText(datasetId, recordId, part, question, chunker));
    }
    return passages;
  }
}
