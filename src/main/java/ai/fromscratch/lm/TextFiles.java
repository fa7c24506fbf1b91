package ai.fromscratch.lm;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.Function;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/** Opens UTF-8 text files, gzipped or not (recognized by content), and streams their lines. */
final class TextFiles {
  private static final int BUFFER = 1 << 16;

  private TextFiles() {}

  static BufferedReader open(Path path) throws IOException {
    InputStream in = new BufferedInputStream(Files.newInputStream(path), BUFFER);
    in.mark(2);
    boolean gzipped = in.read() == 0x1f && in.read() == 0x8b;
    in.reset();
    if (gzipped) {
      in = new GZIPInputStream(in, BUFFER);
    }
    return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), BUFFER);
  }

  /** A writer that gzips when the file name ends in .gz. */
  static Writer create(Path path) throws IOException {
    OutputStream out = Files.newOutputStream(path);
    if (path.getFileName().toString().endsWith(".gz")) {
      out = new GZIPOutputStream(out, BUFFER);
    }
    return new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), BUFFER);
  }

  /**
   * The file's lines turned into sentences, read lazily each time the iterable is iterated, so a
   * corpus larger than memory can be streamed into the estimator.
   */
  static Iterable<String[]> sentences(Path path, Function<String, String[]> split) {
    return () -> {
      BufferedReader reader;
      try {
        reader = open(path);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return new Iterator<>() {
        private String next = read();

        private String read() {
          try {
            String line = reader.readLine();
            if (line == null) {
              reader.close();
            }
            return line;
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }

        @Override
        public boolean hasNext() {
          return next != null;
        }

        @Override
        public String[] next() {
          if (next == null) {
            throw new NoSuchElementException();
          }
          String[] sentence = split.apply(next);
          next = read();
          return sentence;
        }
      };
    };
  }

  /** Splits a pretokenized line on runs of ASCII whitespace. */
  static String[] splitOnSpaces(String line) {
    return line.trim().isEmpty() ? new String[0] : line.trim().split("[ \\t\\r\\n\\f\\u000B]+");
  }
}
