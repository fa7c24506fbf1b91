package ai.fromscratch.lm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArpaWriterTest {
  @Test
  void writesNumbersAsLmplzDoes() {
    assertEquals("0", ArpaWriter.format(0f));
    assertEquals("0", ArpaWriter.format(-0f));
    assertEquals("-1", ArpaWriter.format(-1f));
    assertEquals("-0.6191278", ArpaWriter.format(-0.6191278f));
    assertEquals("-0.00043212232", ArpaWriter.format(-0.00043212232f));
    assertEquals("-99", ArpaWriter.format(-99f));
  }

  @Test
  void writesLmplzLayout() throws IOException {
    StringWriter out = new StringWriter();
    ArpaWriter.write(ReferenceData.estimated(3).model(), out);
    List<String> lines = out.toString().lines().toList();
    assertEquals(
        List.of("\\data\\", "ngram 1=12466", "ngram 2=65525", "ngram 3=99499", "", "\\1-grams:"),
        lines.subList(0, 6));
    assertEquals("-4.811713\t<unk>\t0", lines.get(6));
    assertEquals("0\t<s>\t-0.6191278", lines.get(7));
    assertTrue(lines.get(8).startsWith("-2.3828485\t</s>\t0"));
    assertEquals("\\end\\", lines.get(lines.size() - 1));
  }

  @Test
  void gzippedExportReadsBack(@TempDir Path directory) throws IOException {
    NgramModel model = TestCorpus.estimateWithFallback(2, TestCorpus.brownLines(200));
    Path file = directory.resolve("model.arpa.gz");
    ArpaWriter.write(model, file);
    assertEquals(model.totalNgrams(), ArpaReader.read(file).totalNgrams());
  }
}
