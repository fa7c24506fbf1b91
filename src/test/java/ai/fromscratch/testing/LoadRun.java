package ai.fromscratch.testing;

import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * A load run against a real server: chat clients asking for a set time while a training job runs,
 * the server's resident memory sampled every second throughout. Bounded in time and in clients, on
 * 127.0.0.1.
 */
public final class LoadRun {
  private LoadRun() {}

  /** What the run measured: the chat, the memory samples, and the job at the end. */
  public record Result(
      int clients, ChatClients.Measured chat, List<LibertyServer.Memory> memory, JsonObject job) {

    /** The highest of a memory figure over the run, or over its first or second half. */
    public double max(ToDoubleFunction<LibertyServer.Memory> figure) {
      return memory.stream().mapToDouble(figure).max().orElseThrow();
    }

    private double max(ToDoubleFunction<LibertyServer.Memory> figure, boolean secondHalf) {
      int half = memory.size() / 2;
      List<LibertyServer.Memory> part =
          secondHalf ? memory.subList(half, memory.size()) : memory.subList(0, Math.max(1, half));
      return part.stream().mapToDouble(figure).max().orElseThrow();
    }

    public double median(ToDoubleFunction<LibertyServer.Memory> figure) {
      return ChatClients.percentile(memory.stream().mapToDouble(figure), 50);
    }

    public String markdown() {
      return String.format(
          Locale.ROOT,
          "%d chat clients for %.0f s while training job %s ran (%s after %.1f s):%n%n%s%s%n"
              + "Resident memory, sampled every second until the job ended (MB):%n%n"
              + "| | median | highest | highest, first half | highest, second half |%n"
              + "|---|---|---|---|---|%n%s%s%s",
          clients,
          chat.seconds(),
          job.getJsonNumber("id"),
          job.getString("state"),
          job.getJsonNumber("elapsed_seconds").doubleValue(),
          ChatClients.Measured.header(),
          chat.row(clients),
          row("all (VmRSS)", LibertyServer.Memory::residentMb),
          row("the process's own (RssAnon)", LibertyServer.Memory::anonymousMb),
          row("mapped files: index, libraries (RssFile)", LibertyServer.Memory::fileMb));
    }

    private String row(String what, ToDoubleFunction<LibertyServer.Memory> figure) {
      return String.format(
          Locale.ROOT,
          "| %s | %.0f | %.0f | %.0f | %.0f |%n",
          what,
          median(figure),
          max(figure),
          max(figure, false),
          max(figure, true));
    }
  }

  /**
   * Starts {@code trainingRequest}, then runs {@code clients} chat clients for {@code duration}
   * while it trains, and waits for the job to finish.
   */
  public static Result run(
      LibertyServer server,
      Api api,
      List<String> questions,
      int clients,
      Duration duration,
      String trainingRequest) {
    List<LibertyServer.Memory> memory = Collections.synchronizedList(new ArrayList<>());
    ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
    sampler.scheduleAtFixedRate(() -> memory.add(server.memory()), 0, 1, TimeUnit.SECONDS);
    try {
      long job = api.startTraining(trainingRequest);
      ChatClients.Measured chat = ChatClients.runFor(api, questions, clients, duration);
      JsonObject ended = api.awaitJob(job, Duration.ofMinutes(30));
      return new Result(clients, chat, List.copyOf(memory), ended);
    } finally {
      sampler.shutdownNow();
    }
  }
}
