package ai.fromscratch.synth;

import ai.fromscratch.dataset.DatasetImportService;
import ai.fromscratch.dataset.UploadReport;
import ai.fromscratch.platform.ApiException;
import ai.fromscratch.platform.DataDirectory;
import ai.fromscratch.platform.IncomingFile;
import ai.fromscratch.platform.RestoreParticipant;
import ai.fromscratch.platform.UploadSpool;
import ai.fromscratch.platform.WorkLapsed;
import ai.fromscratch.platform.WorkLeases;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Synthetic training data: starts runs that ask Groq for question/answer pairs, reports their
 * progress, cancels them, and turns what each run received into a dataset with its provenance. Groq
 * only ever writes training data here; no chat is answered by it.
 */
@ApplicationScoped
public class SynthesisService implements RestoreParticipant {
  private static final Logger LOG = Logger.getLogger(SynthesisService.class.getName());
  private static final int LISTED = 50;
  private static final int NAME_TOPIC_CHARS = 60;
  private static final String LEASE = "synthesis";

  @Inject SynthStore store;
  @Inject SynthesisWorker worker;
  @Inject GroqClient groq;
  @Inject DataDirectory dataDirectory;
  @Inject UploadSpool uploads;
  @Inject DatasetImportService imports;
  @Inject WorkLeases leases;

  /** Whether synthesis can run, and why not. */
  public record Availability(boolean available, String reason, String model)
      implements Serializable {}

  public Availability availability() {
    return groq.hasKey()
        ? new Availability(true, null, groq.model())
        : new Availability(
            false,
            "Synthesis is unavailable: GROQ_API_KEY is not set. Set it to let Groq write"
                + " training pairs (Groq never answers chats).",
            groq.model());
  }

  public SynthJson start(SynthRequest request) {
    Availability availability = availability();
    if (!availability.available()) {
      throw ApiException.conflict(availability.reason());
    }
    store.running().stream()
        .findFirst()
        .ifPresent(
            running -> {
              throw ApiException.conflict(
                  "Synthesis run " + running.getId() + " is still going; one runs at a time");
            });
    SynthRun run = store.create(request, groq.model());
    leases.take(LEASE, run.getId());
    worker.run(run.getId());
    return SynthJson.of(run);
  }

  public SynthJson get(long id) {
    return SynthJson.of(run(id));
  }

  public List<SynthJson> recent() {
    return store.recent(LISTED).stream().map(SynthJson::of).toList();
  }

  /** Asks a run to stop; it keeps the pairs it already received. */
  public SynthJson cancel(long id) {
    run(id);
    if (!store.requestCancel(id)) {
      throw ApiException.conflict("Synthesis run " + id + " has already finished");
    }
    return get(id);
  }

  /** Where a run keeps the pairs it receives until they become a dataset. */
  Path spool(long id) {
    return dataDirectory.work().resolve("synth-" + id + ".jsonl");
  }

  /**
   * Ends a run: what it received becomes a dataset, whatever the reason it stopped. The worker and
   * the recovery after a restore may both end a run; the first does, and only it keeps the pairs.
   */
  synchronized void finish(long id, SynthState state, String reason) {
    SynthRun run = run(id);
    if (run.getState().finished()) {
      LOG.fine(() -> "Synthesis run " + id + " had ended already (" + run.getState() + ")");
      return;
    }
    Long dataset = null;
    String error = reason;
    Path spool = spool(id);
    try {
      if (Files.exists(spool) && Files.size(spool) > 0) {
        dataset = keep(run, spool, state);
      }
      Files.deleteIfExists(spool);
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.WARNING, "Could not store the pairs of synthesis run " + id, e);
      state = SynthState.FAILED;
      error = "The pairs could not be stored: " + e.getMessage();
    }
    store.finish(id, state, error, dataset);
    leases.end(LEASE, id);
    LOG.info("Synthesis run " + id + " ended " + state + " with " + run.getPairs() + " pairs");
  }

  private Long keep(SynthRun run, Path spool, SynthState state) throws IOException {
    IncomingFile incoming;
    try (InputStream in = Files.newInputStream(spool)) {
      incoming = uploads.receive(in, Long.MAX_VALUE);
    }
    try {
      // Pairs identical to an earlier dataset (a model at temperature 0 repeats itself) are stored
      // already: the run points at that dataset rather than failing on the duplicate.
      Optional<Long> identical = imports.identicalDataset(incoming);
      if (identical.isPresent()) {
        return identical.get();
      }
      UploadReport report =
          imports.importFile(incoming, datasetName(run), "synth", provenance(run, state));
      return report.dataset().id();
    } finally {
      Files.deleteIfExists(incoming.path());
    }
  }

  private static String datasetName(SynthRun run) {
    String topic = run.getTopic().replaceAll("\\s+", " ");
    if (topic.length() > NAME_TOPIC_CHARS) {
      topic = topic.substring(0, NAME_TOPIC_CHARS - 1) + "…";
    }
    return "synthetic " + run.getId() + ": " + topic;
  }

  /** Where the data came from: the model, the prompt and the time; never the key. */
  private static String provenance(SynthRun run, SynthState state) {
    return Json.createObjectBuilder()
        .add("generator", "groq")
        .add("model", run.getModel())
        .add("synth_run", run.getId())
        .add("topic", run.getTopic())
        .add("system_prompt", SynthPrompt.SYSTEM)
        .add("examples", Json.createReader(new StringReader(run.getExamples())).readArray())
        .add("temperature", run.getTemperature())
        .add("requested", run.getRequested())
        .add("state", state.name().toLowerCase(Locale.ROOT))
        .add("started_at", run.getCreatedAt().toString())
        .add("finished_at", Instant.now().toString())
        .build()
        .toString();
  }

  /** At start-up, ends this instance's runs that a crash or a restart interrupted. */
  void onStart(@Observes @Initialized(ApplicationScoped.class) Object context) {
    for (SynthRun run : store.running()) {
      if (leases.ranHereOrNowhere(LEASE, run.getId())) {
        finish(
            run.getId(),
            SynthState.FAILED,
            "The server stopped during the run; the pairs received before are kept");
      }
    }
  }

  /** Ends the run of an instance that stopped renewing its lease; its pairs were on its disk. */
  void onLapsed(@Observes WorkLapsed lapsed) {
    if (LEASE.equals(lapsed.kind())) {
      finish(
          lapsed.id(),
          SynthState.FAILED,
          lapsed.reason() + "; the pairs it received were on that instance's disk");
    }
  }

  @Override
  public Optional<String> busyReason() {
    return running()
        ? Optional.of("A synthesis run is going on: restore when it has ended")
        : Optional.empty();
  }

  /**
   * Ends every run recorded as running as failed, keeping their pairs: after a restore, when no run
   * goes on anywhere (a restore waits for them) and the rows come from the backup.
   */
  @Override
  public void afterRestore() {
    for (SynthRun run : store.running()) {
      finish(run.getId(), SynthState.FAILED, INTERRUPTED);
    }
  }

  /** Whether a run is going on. */
  public boolean running() {
    return !store.running().isEmpty();
  }

  private SynthRun run(long id) {
    return store.find(id).orElseThrow(() -> ApiException.notFound("No synthesis run " + id));
  }
}
