package ai.fromscratch.lm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** KenLM's output on the small Brown sample (test resources), and models estimated from it once. */
final class ReferenceData {
  private static final Map<Integer, EstimationResult> ESTIMATED = new HashMap<>();
  private static final Map<Integer, NgramModel> LMPLZ = new HashMap<>();
  private static final Map<Integer, EstimationResult> SPILLED = new HashMap<>();

  /** A budget that leaves the sorts about 200 KB: every order spills many runs. */
  static final long SMALL_BUDGET = 2_000_000;

  private ReferenceData() {}

  static Path file(String name) {
    try {
      return Path.of(ReferenceData.class.getResource("/lm/kenlm-brown-small/" + name).toURI());
    } catch (URISyntaxException | NullPointerException e) {
      throw new IllegalStateException("missing test resource " + name, e);
    }
  }

  static Path train() {
    return file("brown-small.train.txt");
  }

  static List<String[]> testSentences() {
    return lines("brown-small.test.txt").stream().map(line -> line.split(" ")).toList();
  }

  /** Per test line: lmplz's total log10 probability and OOV count. */
  static List<double[]> sentenceScores(int order) {
    return lines("brown-small.o" + order + ".test.sentence-log10.tsv").stream()
        .map(line -> line.split("\t"))
        .map(parts -> new double[] {Double.parseDouble(parts[0]), Double.parseDouble(parts[1])})
        .toList();
  }

  static synchronized EstimationResult estimated(int order) {
    return ESTIMATED.computeIfAbsent(
        order,
        o -> {
          try {
            return new KneserNeyEstimator(EstimationOptions.ofOrder(o))
                .estimatePretokenized(train(), ProgressListener.NONE);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }

  /** The model estimated within {@link #SMALL_BUDGET}. */
  static synchronized EstimationResult spilled(int order) {
    return SPILLED.computeIfAbsent(
        order,
        o -> {
          try {
            Path work = Files.createTempDirectory("spilled-reference-");
            EstimationResult result =
                new SpillingEstimator(EstimationOptions.ofOrder(o), SMALL_BUDGET, work)
                    .estimatePretokenized(train(), ProgressListener.NONE);
            Files.delete(work);
            return result;
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }

  static synchronized NgramModel lmplzArpa(int order) {
    return LMPLZ.computeIfAbsent(
        order,
        o -> {
          try {
            return ArpaReader.read(file("brown-small.o" + o + ".arpa.gz"));
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }

  static List<String> lines(String name) {
    try {
      return Files.readAllLines(file(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
