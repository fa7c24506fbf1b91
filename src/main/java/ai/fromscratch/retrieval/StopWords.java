package ai.fromscratch.retrieval;

import java.util.List;
import org.apache.lucene.analysis.CharArraySet;

/**
 * The function words of English questions: left out of keyword search, and of the words that decide
 * which retrieved sentences answer a question.
 */
public final class StopWords {
  static final CharArraySet SET =
      CharArraySet.unmodifiableSet(
          new CharArraySet(
              List.of(
                  "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "if", "in", "into",
                  "is", "it", "no", "not", "of", "on", "or", "such", "that", "the", "their", "then",
                  "there", "these", "they", "this", "to", "was", "will", "with", "what", "which",
                  "who", "whom", "how", "why", "when", "where", "do", "does", "did", "can", "could",
                  "would", "should", "i", "me", "my", "you", "your", "we", "our", "he", "she",
                  "his", "her", "its", "about", "from", "have", "has", "had", "so", "any", "some",
                  "there's", "what's", "i'm"),
              true));

  private StopWords() {}

  /** Whether a (lower-case) word is one of them. */
  public static boolean contains(String word) {
    return SET.contains(word);
  }
}
