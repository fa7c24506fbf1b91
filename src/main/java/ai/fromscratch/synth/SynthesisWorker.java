package ai.fromscratch.synth;

import ai.fromscratch.platform.Setting;
import ai.fromscratch.platform.Settings;
import jakarta.ejb.Asynchronous;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs a synthesis in the background: asks for pairs batch after batch until the count is reached,
 * keeping each new pair in the run's spool file as it arrives, so that a cancellation or a failure
 * keeps what was already received. Waits as Groq asks on 429, retries other passing failures with
 * growing pauses, and gives up at once on a refused key.
 */
@Stateless
// A run lasts minutes: each step commits on its own rather than inside one container transaction.
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class SynthesisWorker {
  private static final Logger LOG = Logger.getLogger(SynthesisWorker.class.getName());

  /** Batches in a row that bring no new pair before the run ends with what it has. */
  static final int MAX_IDLE_BATCHES = 3;

  /** 429 answers in a row tolerated for one batch. */
  static final int MAX_RATE_LIMIT_WAITS = 10;

  static final Duration FIRST_RETRY_PAUSE = Duration.ofSeconds(1);
  static final Duration LONGEST_PAUSE = Duration.ofMinutes(2);
  private static final Duration CANCEL_CHECK = Duration.ofMillis(250);

  @Inject SynthStore store;
  @Inject GroqClient groq;
  @Inject Settings settings;
  @Inject SynthesisService service;

  /** The run stopped asking: cancelled, or failed for the given reason. */
  private static final class Stop extends Exception {
    private static final long serialVersionUID = 1L;
    private final SynthState state;

    Stop(SynthState state, String reason) {
      super(reason);
      this.state = state;
    }
  }

  @Asynchronous
  public void run(long id) {
    SynthRun run = store.find(id).orElseThrow();
    Path spool = service.spool(id);
    Progress progress = new Progress();
    SynthState state = SynthState.COMPLETED;
    String reason = null;
    try (BufferedWriter out =
        Files.newBufferedWriter(
            spool, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
      List<QaPair> examples = PairParser.parse(run.getExamples()).pairs();
      int idle = 0;
      while (progress.pairs < run.getRequested() && idle < MAX_IDLE_BATCHES) {
        int wanted = Math.min(run.getBatchSize(), run.getRequested() - progress.pairs);
        String text =
            ask(
                id,
                SynthPrompt.user(run.getTopic(), wanted, examples, progress.questions),
                run.getTemperature(),
                progress);
        int before = progress.pairs;
        PairParser.Parsed parsed = PairParser.parse(text);
        progress.skipped += parsed.skipped();
        for (QaPair pair : parsed.pairs()) {
          if (progress.pairs >= run.getRequested()) {
            break;
          }
          if (progress.seen.add(pair.key())) {
            out.write(pair.toJson().toString());
            out.write('\n');
            progress.questions.add(pair.question());
            progress.pairs++;
          } else {
            progress.duplicates++;
          }
        }
        out.flush();
        idle = progress.pairs > before ? 0 : idle + 1;
        save(id, progress);
      }
      if (progress.pairs < run.getRequested()) {
        reason =
            "Stopped at "
                + progress.pairs
                + " of "
                + run.getRequested()
                + " pairs: "
                + MAX_IDLE_BATCHES
                + " answers in a row brought no new valid pair";
      }
    } catch (Stop stop) {
      state = stop.state;
      reason = stop.getMessage();
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.WARNING, "Synthesis run " + id + " failed", e);
      state = SynthState.FAILED;
      reason = "The run failed: " + e.getMessage();
    }
    save(id, progress);
    service.finish(id, state, reason);
  }

  /** One completion, with the waits and retries the failure calls for. */
  private String ask(long id, String prompt, double temperature, Progress progress) throws Stop {
    int retries = settings.getInt(Setting.GROQ_MAX_RETRIES);
    int failures = 0;
    int rateLimited = 0;
    Duration pause = FIRST_RETRY_PAUSE;
    while (true) {
      checkCancelled(id);
      progress.requests++;
      try {
        return groq.complete(SynthPrompt.SYSTEM, prompt, temperature);
      } catch (GroqException e) {
        switch (e.kind()) {
          case UNAUTHORIZED, REJECTED -> throw new Stop(SynthState.FAILED, e.getMessage());
          case RATE_LIMITED -> {
            if (++rateLimited > MAX_RATE_LIMIT_WAITS) {
              throw new Stop(
                  SynthState.FAILED,
                  e.getMessage() + " " + MAX_RATE_LIMIT_WAITS + " times in a row; try later");
            }
            save(id, progress);
            sleep(id, e.retryAfter() == null ? pause : min(e.retryAfter(), LONGEST_PAUSE));
          }
          case TRANSIENT -> {
            if (++failures > retries) {
              throw new Stop(
                  SynthState.FAILED, e.getMessage() + " (gave up after " + failures + " attempts)");
            }
            save(id, progress);
            sleep(id, pause);
            pause = min(pause.multipliedBy(2), LONGEST_PAUSE);
          }
        }
      }
    }
  }

  private void checkCancelled(long id) throws Stop {
    if (store.stopRequested(id)) {
      throw new Stop(SynthState.CANCELLED, null);
    }
  }

  /** Waits, looking out for a cancellation. */
  private void sleep(long id, Duration duration) throws Stop {
    long end = System.nanoTime() + duration.toNanos();
    for (long left = duration.toNanos(); left > 0; left = end - System.nanoTime()) {
      checkCancelled(id);
      try {
        Thread.sleep(Math.max(1, Math.min(CANCEL_CHECK.toMillis(), left / 1_000_000)));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new Stop(SynthState.FAILED, "The server stopped during the run");
      }
    }
  }

  private void save(long id, Progress progress) {
    store.progress(id, progress.pairs, progress.skipped, progress.duplicates, progress.requests);
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  /** What a run has got so far. */
  private static final class Progress {
    final Set<String> seen = new HashSet<>();
    final List<String> questions = new ArrayList<>();
    int pairs;
    int skipped;
    int duplicates;
    int requests;
  }
}
