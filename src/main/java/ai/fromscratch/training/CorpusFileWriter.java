package ai.fromscratch.training;

import ai.fromscratch.dataset.DatasetService;
import jakarta.batch.api.chunk.AbstractItemWriter;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Appends the training and held-out sentences to the job's two files. Its checkpoint is their
 * lengths, synced to disk with each chunk: a restarted job cuts the files back to the last
 * committed chunk, so an interrupted and resumed job writes exactly the files an uninterrupted one
 * would.
 */
@Named
@Dependent
public class CorpusFileWriter extends AbstractItemWriter {
  @Inject TrainingContext training;
  @Inject TrainingWorkspace workspace;
  @Inject TrainingJobStore jobs;
  @Inject DatasetService datasets;

  private FileChannel corpus;
  private FileChannel heldout;
  private long records;
  private long total;

  @Override
  public void open(Serializable checkpoint) throws IOException {
    long jobId = training.jobId();
    corpus = open(workspace.corpus(jobId));
    heldout = open(workspace.heldout(jobId));
    CorpusCheckpoint resumed = (CorpusCheckpoint) checkpoint;
    corpus.truncate(resumed == null ? 0 : resumed.corpusBytes());
    heldout.truncate(resumed == null ? 0 : resumed.heldoutBytes());
    corpus.position(corpus.size());
    heldout.position(heldout.size());
    records = resumed == null ? 0 : resumed.records();
    total =
        training.ngramParameters().datasets().stream()
            .mapToLong(id -> datasets.get(id).records())
            .sum();
    jobs.progress(jobId, records, total);
  }

  private static FileChannel open(Path file) throws IOException {
    return FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
  }

  @Override
  public void writeItems(List<Object> items) throws IOException {
    StringBuilder train = new StringBuilder();
    StringBuilder held = new StringBuilder();
    for (Object item : items) {
      TrainingLines lines = (TrainingLines) item;
      StringBuilder target = lines.heldout() ? held : train;
      lines.lines().forEach(line -> target.append(line).append('\n'));
    }
    write(corpus, train);
    write(heldout, held);
    records += items.size();
    jobs.progress(training.jobId(), records, total);
  }

  private static void write(FileChannel channel, StringBuilder text) throws IOException {
    ByteBuffer bytes = ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8));
    while (bytes.hasRemaining()) {
      channel.write(bytes);
    }
  }

  @Override
  public Serializable checkpointInfo() throws IOException {
    corpus.force(false);
    heldout.force(false);
    return new CorpusCheckpoint(corpus.size(), heldout.size(), records);
  }

  @Override
  public void close() throws IOException {
    if (corpus != null) {
      corpus.close();
    }
    if (heldout != null) {
      heldout.close();
    }
  }
}
