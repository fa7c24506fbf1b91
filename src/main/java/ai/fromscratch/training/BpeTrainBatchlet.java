package ai.fromscratch.training;

import ai.fromscratch.bpe.BpeTokenizer;
import ai.fromscratch.bpe.BpeTrainer;
import ai.fromscratch.bpe.BpeTrainingOptions;
import ai.fromscratch.dataset.DatasetService;
import ai.fromscratch.dataset.RecordTurns;
import ai.fromscratch.dataset.Turn;
import ai.fromscratch.engine.HeapBudget;
import ai.fromscratch.platform.Setting;
import ai.fromscratch.platform.Settings;
import ai.fromscratch.tokenizer.TokenizerService;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.runtime.BatchStatus;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CancellationException;

/**
 * Trains the byte-pair-encoding tokenizer on the texts of the chosen datasets and stores it as
 * tokenizer.json. It keeps only word counts while reading, so memory follows the vocabulary, not
 * the data.
 */
@Named
@Dependent
public class BpeTrainBatchlet extends AbstractBatchlet {
  private static final int PAGE = 500;

  @Inject TrainingContext training;
  @Inject TrainingJobStore jobs;
  @Inject DatasetService datasets;
  @Inject TokenizerService tokenizers;
  @Inject Settings settings;

  private final StopSignal stop = new StopSignal();

  @Override
  public String process() throws IOException {
    long jobId = training.jobId();
    BpeParameters parameters = training.bpeParameters();
    long started = System.nanoTime();
    BpeTrainer trainer =
        new BpeTrainer(
            BpeTrainingOptions.defaults()
                .withVocabularySize(parameters.vocabularySize())
                .withMinFrequency(parameters.minFrequency())
                .withSpecialTokens(parameters.specialTokens())
                .withLowercase(parameters.lowercase()));
    long records;
    BpeTokenizer tokenizer;
    try {
      records = readTexts(jobId, parameters.datasets(), trainer);
      if (trainer.words() == 0) {
        throw new IllegalStateException("The chosen datasets hold no text to train on");
      }
      jobs.step(jobId, "merges", parameters.vocabularySize());
      tokenizer = trainer.train((done, total) -> jobs.progress(jobId, done, total), stop::stopping);
    } catch (CancellationException e) {
      return BatchStatus.STOPPED.name();
    }
    tokenizers.replace(tokenizer);
    jobs.result(
        jobId,
        new BpeResult(
                tokenizer.size(),
                tokenizer.merges().size(),
                records,
                trainer.words(),
                trainer.distinctWords(),
                Math.round((System.nanoTime() - started) / 1e6) / 1000.0)
            .toJson()
            .toString());
    return BatchStatus.COMPLETED.name();
  }

  private long readTexts(long jobId, List<Long> datasetIds, BpeTrainer trainer) {
    long total = datasetIds.stream().mapToLong(id -> datasets.get(id).records()).sum();
    jobs.step(jobId, "reading", total);
    long read = 0;
    for (long id : datasetIds) {
      long after = 0;
      for (List<RecordTurns> page = datasets.turnsAfter(id, after, PAGE);
          !page.isEmpty();
          page = datasets.turnsAfter(id, after, PAGE)) {
        stop.check();
        for (RecordTurns record : page) {
          record.turns().stream().map(Turn::text).forEach(trainer::add);
          after = record.ordinal();
        }
        read += page.size();
        jobs.progress(jobId, read, total);
        checkFits(trainer);
      }
    }
    return read;
  }

  /** Fails before the word counts outgrow the training memory budget, saying why. */
  private void checkFits(BpeTrainer trainer) {
    long budget =
        Math.min((long) settings.getInt(Setting.TRAINING_MEMORY_MB) << 20, HeapBudget.spareBytes());
    if (trainer.heapBytes() > budget) {
      throw new IllegalStateException(
          String.format(
              "the texts hold more than %,d distinct words, and learning from them needs more"
                  + " than %d MB of heap (TRAINING_MEMORY_MB or the free heap, the less). Train on"
                  + " fewer datasets, or raise TRAINING_MEMORY_MB and the heap",
              trainer.distinctWords(), budget >> 20));
    }
  }

  @Override
  public void stop() {
    stop.stop();
  }
}
