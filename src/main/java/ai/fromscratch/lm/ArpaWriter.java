package ai.fromscratch.lm;

import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.file.Path;

/**
 * Writes a model in the ARPA text format as lmplz does: numbers in shortest float form without
 * exponent, {@code 0} as the probability of {@code <s>}, a backoff on every n-gram below the
 * highest order. A file name ending in .gz is gzipped.
 */
public final class ArpaWriter {
  private final NgramModel model;
  private final Writer out;
  private final int[] path;
  private final StringBuilder line = new StringBuilder(128);

  private ArpaWriter(NgramModel model, Writer out) {
    this.model = model;
    this.out = out;
    this.path = new int[model.order()];
  }

  public static void write(NgramModel model, Path file) throws IOException {
    try (Writer out = TextFiles.create(file)) {
      write(model, out);
    }
  }

  public static void write(NgramModel model, Writer out) throws IOException {
    new ArpaWriter(model, out).write();
    out.flush();
  }

  private void write() throws IOException {
    out.write("\\data\\\n");
    for (int order = 1; order <= model.order(); order++) {
      out.write("ngram " + order + "=" + model.ngramCount(order) + "\n");
    }
    for (int order = 1; order <= model.order(); order++) {
      out.write("\n\\" + order + "-grams:\n");
      for (int word = 0; word < model.vocabulary().size(); word++) {
        path[0] = word;
        descend(0, word, order - 1);
      }
    }
    out.write("\n\\end\\\n");
  }

  /** Visits the n-grams below {@code node} down to {@code targetLevel}, writing those there. */
  private void descend(int level, int node, int targetLevel) throws IOException {
    if (level == targetLevel) {
      writeEntry(level, node);
      return;
    }
    for (int child = model.childStart(level, node); child < model.childEnd(level, node); child++) {
      path[level + 1] = model.word(level + 1, child);
      descend(level + 1, child, targetLevel);
    }
  }

  private void writeEntry(int level, int node) throws IOException {
    line.setLength(0);
    boolean sentenceStart = level == 0 && node == Vocabulary.BOS;
    line.append(sentenceStart ? "0" : format(model.prob(level, node))).append('\t');
    Vocabulary vocabulary = model.vocabulary();
    for (int j = 0; j <= level; j++) {
      if (j > 0) {
        line.append(' ');
      }
      line.append(vocabulary.word(path[j]));
    }
    if (level < model.order() - 1) {
      line.append('\t').append(format(model.backoff(level, node)));
    }
    line.append('\n');
    out.append(line);
  }

  /** The shortest decimal that reads back as the same float, without exponent, as lmplz prints. */
  static String format(float value) {
    if (value == 0) {
      return "0";
    }
    String text = Float.toString(value);
    if (text.indexOf('E') >= 0) {
      text = new BigDecimal(text).toPlainString();
    }
    return text.endsWith(".0") ? text.substring(0, text.length() - 2) : text;
  }
}
