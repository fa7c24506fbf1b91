package ai.fromscratch.lm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LmCliTest {
  @TempDir Path directory;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @Test
  void estimateThenScorePrintsQuerysSummary() {
    Path model = directory.resolve("m.bin");
    Path arpa = directory.resolve("m.arpa");
    assertEquals(
        0,
        run(
            "estimate",
            "--order",
            "3",
            "--text",
            ReferenceData.train().toString(),
            "--pretokenized",
            "--out",
            model.toString(),
            "--arpa",
            arpa.toString()));
    for (String[] source :
        new String[][] {{"--model", model.toString()}, {"--arpa", arpa.toString()}}) {
      out.reset();
      assertEquals(
          0,
          run(
              "score",
              source[0],
              source[1],
              "--text",
              ReferenceData.file("brown-small.test.txt").toString(),
              "--pretokenized"));
      List<String> lines = output().lines().toList();
      assertEquals(4, lines.size());
      assertTrue(lines.get(0).startsWith("Perplexity including OOVs:\t352.76"), lines.get(0));
      assertTrue(lines.get(1).startsWith("Perplexity excluding OOVs:\t225.70"), lines.get(1));
      assertEquals(List.of("OOVs:\t861", "Tokens:\t12262"), lines.subList(2, 4));
    }
  }

  @Test
  void rawTextIsTokenizedAndGenerateContinuesAPrompt() throws Exception {
    Path text = directory.resolve("raw.txt");
    Files.writeString(
        text, String.join("\n", ReferenceData.lines("brown-small.train.txt").subList(0, 800)));
    Path model = directory.resolve("m.bin");
    assertEquals(
        0,
        run(
            "estimate",
            "--order",
            "2",
            "--text",
            text.toString(),
            "--lowercase",
            "--discount-fallback",
            "--prune",
            "0,1",
            "--out",
            model.toString()));
    out.reset();
    assertEquals(
        0,
        run(
            "generate",
            "--model",
            model.toString(),
            "--prompt",
            "The jury",
            "--seed",
            "1",
            "--max-tokens",
            "5",
            "--temperature",
            "0.8",
            "--top-k",
            "10",
            "--top-p",
            "0.9"));
    assertTrue(!output().isBlank());
    out.reset();
    assertEquals(
        0, run("score", "--model", model.toString(), "--text", text.toString(), "--sentences"));
    assertTrue(output().startsWith("Total: "));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "train --order 3",
        "estimate --order 3",
        "estimate --order seven --text a --out b",
        "estimate --order 7 --text a --out b",
        "score --text a",
        "score --model a --arpa b --text c",
        "generate --model m --prompt p --top-p 2",
        "estimate --order 3 --text a --out b --bogus"
      })
  void wrongArgumentsPrintUsageAndExitNonZero(String arguments) {
    String[] args = arguments.isEmpty() ? new String[0] : arguments.split(" ");
    assertEquals(2, run(args));
    assertTrue(error().contains("usage: java -cp target/classes ai.fromscratch.lm.LmCli"));
  }

  @Test
  void missingModelFileIsAFailureWithoutUsage() {
    assertEquals(
        1, run("score", "--model", directory.resolve("none.bin").toString(), "--text", "x"));
    assertTrue(error().contains("no such file"));
  }

  private int run(String... args) {
    return LmCli.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String output() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String error() {
    return err.toString(StandardCharsets.UTF_8);
  }
}
