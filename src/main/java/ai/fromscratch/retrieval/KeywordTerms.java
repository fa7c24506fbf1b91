package ai.fromscratch.retrieval;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.TermQuery;

/**
 * The keyword (BM25) side's analysis: Lucene's {@link StandardAnalyzer} (Unicode word splitting,
 * lower case) with a short English stop list and no stemming. The vector side already handles
 * paraphrase and word forms, BM25 is there for exact words (names, codes, rare terms), and the
 * owner's data may not be English. It is in lucene-core, so no other Lucene jar is needed.
 * Thread-safe.
 */
final class KeywordTerms {
  private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}_'-]*");

  /** A query keeps at most this many distinct terms. */
  static final int MAX_QUERY_TERMS = 64;

  private final Analyzer analyzer = new StandardAnalyzer(StopWords.SET);

  Analyzer analyzer() {
    return analyzer;
  }

  /** The distinct analyzed words of a text, stop words dropped, in order of appearance. */
  Set<String> of(String text) {
    Set<String> terms = new LinkedHashSet<>();
    read(
        text,
        term -> {
          terms.add(term);
          return terms.size() < MAX_QUERY_TERMS;
        });
    return terms;
  }

  /** Which of the {@code wanted} terms a text holds, read until it has shown them all. */
  Set<String> heldIn(String text, Set<String> wanted) {
    Set<String> held = new HashSet<>();
    if (!wanted.isEmpty()) {
      read(
          text,
          term -> {
            if (wanted.contains(term)) {
              held.add(term);
            }
            return held.size() < wanted.size();
          });
    }
    return held;
  }

  /** Hands a text's analyzed words to {@code more} in order, until it answers false. */
  private void read(String text, Predicate<String> more) {
    try (TokenStream tokens = analyzer.tokenStream("text", text)) {
      CharTermAttribute term = tokens.addAttribute(CharTermAttribute.class);
      tokens.reset();
      boolean reading = true;
      while (reading && tokens.incrementToken()) {
        reading = more.test(term.toString());
      }
      tokens.end();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The names in a question, as analyzed terms: capitalized words other than its first, and words
   * with digits (codes, model numbers, years).
   */
  Set<String> names(String question) {
    Set<String> names = new LinkedHashSet<>();
    Matcher words = WORD.matcher(question);
    boolean first = true;
    while (words.find()) {
      String word = words.group();
      boolean capitalized = Character.isUpperCase(word.codePointAt(0));
      boolean digits = word.chars().anyMatch(Character::isDigit);
      if ((capitalized && !first) || digits) {
        names.addAll(of(word));
      }
      first = false;
    }
    return names;
  }

  /** A BM25 query matching the passages that hold all the terms in {@code field}. */
  static BooleanQuery allOf(String field, Set<String> terms) {
    BooleanQuery.Builder query = new BooleanQuery.Builder();
    for (String term : terms) {
      query.add(new TermQuery(new Term(field, term)), BooleanClause.Occur.MUST);
    }
    return query.build();
  }

  /** A BM25 query matching any of the terms in {@code field}. */
  static BooleanQuery query(String field, Set<String> terms) {
    BooleanQuery.Builder query = new BooleanQuery.Builder();
    for (String term : terms) {
      query.add(new TermQuery(new Term(field, term)), BooleanClause.Occur.SHOULD);
    }
    return query.build();
  }
}
