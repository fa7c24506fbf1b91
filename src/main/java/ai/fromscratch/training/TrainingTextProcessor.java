package ai.fromscratch.training;

import ai.fromscratch.dataset.DatasetService;
import ai.fromscratch.dataset.RecordTurns;
import ai.fromscratch.engine.ChatFormat;
import ai.fromscratch.lm.WordTokenizer;
import jakarta.batch.api.chunk.ItemProcessor;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;

/**
 * Turns a record into the model's sentences (a question and its answer as one sentence) and
 * decides, from the record's identity alone, whether it is held out: a restarted job splits the
 * data exactly as the first run did.
 */
@Named
@Dependent
public class TrainingTextProcessor implements ItemProcessor {
  /** Smaller data keeps every record for training: a held-out slice of it would say little. */
  static final long MIN_RECORDS_FOR_HELDOUT = 20;

  @Inject TrainingContext training;
  @Inject DatasetService datasets;

  private WordTokenizer tokenizer;
  private double heldout;

  @Override
  public Object processItem(Object item) {
    if (tokenizer == null) {
      NgramParameters parameters = training.ngramParameters();
      tokenizer = new WordTokenizer(parameters.lowercase());
      heldout = heldoutFraction(parameters, datasets);
    }
    RecordTurns record = (RecordTurns) item;
    List<String> lines =
        ChatFormat.sentences(record.turns(), tokenizer).stream()
            .map(tokens -> String.join(" ", tokens))
            .toList();
    return new TrainingLines(lines, isHeldOut(record.datasetId(), record.ordinal(), heldout));
  }

  /** The share of records held out: none of small data, whose held-out slice would say little. */
  static double heldoutFraction(NgramParameters parameters, DatasetService datasets) {
    long records = parameters.datasets().stream().mapToLong(id -> datasets.get(id).records()).sum();
    return records < MIN_RECORDS_FOR_HELDOUT ? 0 : parameters.heldout();
  }

  /** A fixed pseudo-random choice per record, about {@code fraction} of them. */
  static boolean isHeldOut(long datasetId, long ordinal, double fraction) {
    // SplitMix64's finalizer: neighbouring records land far apart, so no run of records is
    // held out (or kept) together.
    long z = datasetId * 0x9E3779B97F4A7C15L + ordinal * 0xD1B54A32D192ED03L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    z ^= z >>> 31;
    return (z >>> 11) * 0x1.0p-53 < fraction;
  }
}
