package ai.fromscratch.lm;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.IntConsumer;

/**
 * Turns sentences into a stream of word ids, each sentence as {@code <s> w1 .. wk </s>}, handed to
 * a sink: an array for the in-memory estimator, a file for the one within a budget. Like lmplz,
 * occurrences of {@code <s>}, {@code </s>} and {@code <unk>} in the text are skipped.
 */
final class CorpusEncoder {
  private static final int REPORT_EVERY = 1 << 14;

  private final WordTable words = new WordTable(1 << 15);
  private final IntConsumer sink;
  private long length;
  private long sentences;

  CorpusEncoder(IntConsumer sink) {
    this.sink = sink;
    words.add(Vocabulary.UNK_WORD);
    words.add(Vocabulary.BOS_WORD);
    words.add(Vocabulary.EOS_WORD);
  }

  WordTable words() {
    return words;
  }

  /** The number of ids handed to the sink. */
  long length() {
    return length;
  }

  long sentences() {
    return sentences;
  }

  long tokens() {
    return length - 2 * sentences;
  }

  void addSentence(String[] tokens) {
    begin();
    for (String token : tokens) {
      int id = words.find(token);
      if (id < 0) {
        id = words.add(token);
      }
      append(id);
    }
    end();
  }

  /** Reads a pretokenized file (words separated by spaces, one sentence a line) as a stream. */
  void addPretokenizedFile(Path path, ProgressListener progress) throws IOException {
    char[] buffer = new char[256];
    long lines = 0;
    try (BufferedReader reader = TextFiles.open(path)) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (line.length() > buffer.length) {
          buffer = new char[Math.max(line.length(), buffer.length * 2)];
        }
        line.getChars(0, line.length(), buffer, 0);
        addLine(buffer, line.length());
        if (++lines % REPORT_EVERY == 0) {
          progress.progress("reading", lines, -1);
        }
      }
    }
    progress.progress("reading", lines, lines);
  }

  private void addLine(char[] line, int lineLength) {
    begin();
    int i = 0;
    while (i < lineLength) {
      while (i < lineLength && isSpace(line[i])) {
        i++;
      }
      int start = i;
      while (i < lineLength && !isSpace(line[i])) {
        i++;
      }
      if (i > start) {
        append(words.add(line, start, i));
      }
    }
    end();
  }

  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\u000B';
  }

  private void begin() {
    put(Vocabulary.BOS);
  }

  private void append(int id) {
    if (id > Vocabulary.EOS) {
      put(id);
    }
  }

  private void end() {
    put(Vocabulary.EOS);
    sentences++;
  }

  private void put(int id) {
    sink.accept(id);
    length++;
  }
}
