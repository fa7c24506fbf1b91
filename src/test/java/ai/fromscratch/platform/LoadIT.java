package ai.fromscratch.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.fromscratch.testing.Api;
import ai.fromscratch.testing.LibertyServer;
import ai.fromscratch.testing.LoadRun;
import ai.fromscratch.testing.MemoryCgroup;
import ai.fromscratch.testing.TestData;
import ai.fromscratch.testing.TestDirs;
import ai.fromscratch.testing.Uploads;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Eight chat clients for a minute while a training job (with indexing) runs, against a server with
 * the production JVM limits, inside a 512 MB memory cgroup where one can be made: no request fails,
 * the job completes, and the server's resident memory stays under Render's 512 MB. Latency and
 * memory go to target/load-it.md. The five-minute run on the Brown corpus is {@link LoadBenchmark}
 * ({@code mvn -Pbench}).
 */
class LoadIT {
  private static final int CLIENTS = 8;
  private static final Duration LOAD = Duration.ofSeconds(60);

  @Test
  void eightClientsChatWhileAModelTrainsWithoutErrorsInBoundedMemory() throws IOException {
    try (LibertyServer server = LibertyServer.create("fs-load", TestDirs.fresh("load"))) {
      // Where the test may make a memory cgroup (root on Linux, as in CI), the limit is the
      // kernel's, as on Render: more than 512 MB and the server is killed.
      boolean limited = server.limitMemory(MemoryCgroup.RENDER_FREE_MB);
      server.start();
      Api api = new Api(server.baseUrl());
      long first = api.upload(Uploads.file("load-first.jsonl", TestData.qaPairs(1000, 21)));
      long job = api.startTraining(training(first));
      api.awaitCompleted(job, Duration.ofMinutes(5));
      long second = api.upload(Uploads.file("load-second.jsonl", TestData.qaPairs(1000, 22)));

      LoadRun.Result result =
          LoadRun.run(server, api, questions(), CLIENTS, LOAD, training(first, second));

      String report =
          String.format(
              "# Load run (LoadIT)%n%nThe server ran %s.%n%n%s",
              limited
                  ? "in a " + MemoryCgroup.RENDER_FREE_MB + " MB memory cgroup"
                  : "without a memory limit (no cgroup can be made here)",
              result.markdown());
      Files.writeString(Path.of("target/load-it.md"), report);
      System.out.print(report);
      assertEquals(List.of(), result.chat().errors(), "every chat request is answered");
      assertEquals("completed", result.job().getString("state"), result.job().toString());
      assertTrue(
          result.max(LibertyServer.Memory::residentMb) < MemoryCgroup.RENDER_FREE_MB,
          "resident memory stays under 512 MB: " + result.memory());
      if (limited) {
        assertEquals(
            0, server.cgroup().orElseThrow().oomKills(), "the kernel killed nothing for memory");
      }
    }
  }

  private static String training(long... datasets) {
    return "{\"kind\": \"ngram\", \"order\": 4, \"datasets\": " + Arrays.toString(datasets) + "}";
  }

  /** The datasets' questions, some asked about numbers the data does not have. */
  private static List<String> questions() {
    Random random = new Random(3);
    List<String> subjects = List.of("river", "forest", "island", "harbor", "moon");
    return IntStream.range(0, 500)
        .mapToObj(
            i ->
                "what color is the "
                    + subjects.get(random.nextInt(subjects.size()))
                    + " number "
                    + random.nextInt(1200)
                    + "?")
        .toList();
  }
}
