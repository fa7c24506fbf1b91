package ai.fromscratch.retrieval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Our tokenizer against Hugging Face's (through DJL), token for token, on the same tokenizer.json:
 * Brown test lines, and texts chosen for the corner cases of BERT's normalization.
 */
class WordPieceMatchesDjlTest {
  static final List<String> HARD_CASES =
      List.of(
          "The QUICK Brown fox JUMPED over the Lazy DOG.",
          "Crème brûlée, naïve café, façade, Ångström, São Paulo, Zürich, Øresund.",
          "ΣΊΣΥΦΟΣ and ΟΔΥΣΣΕΥΣ; İstanbul, DİYARBAKIR; straße; ǅemal.",
          "東京は日本の首都です。北京欢迎你！서울특별시. カタカナとひらがな。",
          "Emoji 😀🎉👍🏽 and 🥰 🤯 🫠 ❤️ ✨ with text 🙂.",
          "Visit https://example.com/path?q=1&r=two#frag or mail me at john.doe+tag@example.org!",
          "Numbers: 3.14159, 1,000,000, -42, 7e10, 0x1F, 12:30pm, 2024-06-01, $19.99, 50%.",
          "Pneumonoultramicroscopicsilicovolcanoconiosis and "
              + "supercalifragilisticexpialidocious words.",
          "x".repeat(100) + " " + "y".repeat(101) + " " + "ab".repeat(60),
          "tabs\tand\nnewlines\r\nand\u00A0no-break\u2003em\u3000ideographic spaces",
          "control\u0007chars\u0000and\uFFFDreplacement\u200Bzero\u200Dwidth\u00ADsoft",
          "C'est l'été — “quotes” ‘single’ «guillemets» …ellipsis… ¿Qué? ¡Sí!",
          "Привет, мир! Γειά σου Κόσμε! مرحبا بالعالم שלום עולם नमस्ते दुनिया",
          "ﬁnancial ﬂow ½ ² ℃ Ⅻ ｆｕｌｌｗｉｄｔｈ ＡＢＣ",
          "a_b snake_case CamelCaseWord kebab-case ~tilde^caret|pipe`backtick",
          "",
          "   ",
          // No lone surrogate: DJL's JNI string conversion then loses every emoji of the text.
          "unassigned \u0378 and private use \uE000 code points",
          "e\u0301 combining acute, a\u0308 diaeresis, Hangul 한국어 decomposes");

  @Test
  void matchesHuggingFaceOnBrownLinesAndHardCases() throws IOException {
    List<String> texts = new ArrayList<>(brownLines());
    texts.addAll(HARD_CASES);
    texts.addAll(longTexts());
    for (int maxTokens : new int[] {256, 512, 128}) {
      WordPieceTokenizer ours = Tokenizers.shipped(maxTokens);
      try (HuggingFaceTokenizer theirs =
          HuggingFaceTokenizer.newInstance(
              Tokenizers.shippedFile(),
              Map.of(
                  "padding",
                  "false",
                  "truncation",
                  "true",
                  "maxLength",
                  String.valueOf(maxTokens)))) {
        int compared = 0;
        for (String text : texts) {
          List<String> expected = Arrays.asList(theirs.encode(text).getTokens());
          List<String> actual = ours.tokenize(text);
          assertEquals(expected, actual, () -> firstDifference(expected, actual, text));
          compared++;
        }
        System.out.printf(
            "WordPiece equals Hugging Face on %d texts at max %d tokens%n", compared, maxTokens);
      }
    }
  }

  private static String firstDifference(List<String> expected, List<String> actual, String text) {
    int i = 0;
    while (i < Math.min(expected.size(), actual.size()) && expected.get(i).equals(actual.get(i))) {
      i++;
    }
    int from = Math.max(0, i - 3);
    return String.format(
        "at token %d: expected %s but was %s (of %d vs %d tokens) in: %.80s",
        i,
        expected.subList(from, Math.min(expected.size(), i + 4)),
        actual.subList(from, Math.min(actual.size(), i + 4)),
        expected.size(),
        actual.size(),
        text);
  }

  static List<String> brownLines() throws IOException {
    try (InputStream in =
        WordPieceMatchesDjlTest.class.getResourceAsStream("/lm/brown/brown.test.txt")) {
      String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
      List<String> picked = new ArrayList<>();
      for (int i = 0; i < lines.length && picked.size() < 300; i += 9) {
        picked.add(lines[i]);
      }
      return picked;
    }
  }

  private static List<String> longTexts() throws IOException {
    List<String> brown = brownLines();
    String joined = String.join(" ", brown);
    return List.of(
        joined.substring(0, 4000),
        joined.substring(4000, 12000),
        String.join(" ", HARD_CASES).repeat(3));
  }
}
