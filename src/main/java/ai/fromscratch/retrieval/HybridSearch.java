package ai.fromscratch.retrieval;

import static ai.fromscratch.retrieval.PassageIndex.ANSWER;
import static ai.fromscratch.retrieval.PassageIndex.DATASET;
import static ai.fromscratch.retrieval.PassageIndex.HEADING;
import static ai.fromscratch.retrieval.PassageIndex.ID;
import static ai.fromscratch.retrieval.PassageIndex.KIND;
import static ai.fromscratch.retrieval.PassageIndex.RECORD;
import static ai.fromscratch.retrieval.PassageIndex.TEXT;
import static ai.fromscratch.retrieval.PassageIndex.VECTOR;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.VectorScorer;
import org.apache.lucene.search.Weight;

/**
 * The hybrid search over one searcher of a {@link PassageIndex}: the vector search, the keyword
 * search and the exact-name search each give candidates, fused by rank (see {@link RankFusion}); a
 * hit needs a cosine similarity above the threshold, an exact name, or every keyword of the
 * question. The index's life cycle (writing, committing, snapshots) is the index's own.
 */
final class HybridSearch {
  /** A question word is rare when at most this share of the passages hold it... */
  static final int RARE_TERM_SHARE_PERCENT = 1;

  /** ...in an index this large; in a small one nearly every word would be rare. */
  static final int RARE_TERMS_MIN_PASSAGES = 1000;

  private final KeywordTerms keywords;

  HybridSearch(KeywordTerms keywords) {
    this.keywords = keywords;
  }

  /** The best {@code k} passages, by fused rank. */
  List<SearchHit> passages(
      IndexSearcher searcher, String queryText, float[] queryVector, int k, double minSimilarity)
      throws IOException {
    return search(searcher, queryText, queryVector, k, minSimilarity, BY_FUSED_RANK, SearchHit::id);
  }

  /** The best passage of each of the best {@code k} records, by cosine similarity. */
  List<SearchHit> records(
      IndexSearcher searcher, String queryText, float[] queryVector, int k, double minSimilarity)
      throws IOException {
    return search(
        searcher, queryText, queryVector, k, minSimilarity, BY_SIMILARITY, RecordRanking::unit);
  }

  /** The stored passage of this id (scores are 0: it was not searched). */
  Optional<SearchHit> stored(IndexSearcher searcher, String id) throws IOException {
    ScoreDoc[] found = searcher.search(new TermQuery(new Term(ID, id)), 1).scoreDocs;
    return found.length == 0
        ? Optional.empty()
        : Optional.of(hit(searcher.storedFields().document(found[0].doc), new Candidate(-1)));
  }

  private static final Comparator<Candidate> BY_FUSED_RANK =
      Comparator.comparingDouble(Candidate::fused)
          .thenComparingDouble(c -> c.similarity)
          .reversed();

  private static final Comparator<Candidate> BY_SIMILARITY =
      Comparator.<Candidate>comparingDouble(c -> c.similarity)
          .thenComparingDouble(Candidate::fused)
          .reversed();

  /**
   * The first hit of each of the first {@code k} units in {@code order}, among the candidates of
   * the vector, keyword and exact-name searches.
   */
  private List<SearchHit> search(
      IndexSearcher searcher,
      String queryText,
      float[] queryVector,
      int k,
      double minSimilarity,
      Comparator<Candidate> order,
      Function<SearchHit, String> unit)
      throws IOException {
    int n = RankFusion.candidates(k);
    Map<Integer, Candidate> candidates = new HashMap<>();
    ScoreDoc[] nearest =
        searcher.search(new KnnFloatVectorQuery(VECTOR, queryVector, n), n).scoreDocs;
    for (int i = 0; i < nearest.length; i++) {
      Candidate c = candidates.computeIfAbsent(nearest[i].doc, Candidate::new);
      c.vectorRank = i + 1;
      // Lucene scores a dot product of unit vectors as (1 + cosine) / 2.
      c.similarity = 2.0 * nearest[i].score - 1.0;
    }
    Set<String> terms = queryText == null ? Set.of() : keywords.of(queryText);
    if (!terms.isEmpty()) {
      ScoreDoc[] keyword = searcher.search(KeywordTerms.query(TEXT, terms), n).scoreDocs;
      for (int i = 0; i < keyword.length; i++) {
        Candidate c = candidates.computeIfAbsent(keyword[i].doc, Candidate::new);
        c.keywordRank = i + 1;
        c.keywordScore = keyword[i].score;
      }
    }
    Set<String> names = keywords.names(queryText == null ? "" : queryText);
    names.addAll(rareTerms(searcher, terms));
    if (!names.isEmpty()) {
      ScoreDoc[] exact = searcher.search(KeywordTerms.allOf(TEXT, names), n).scoreDocs;
      for (int i = 0; i < exact.length; i++) {
        candidates.computeIfAbsent(exact[i].doc, Candidate::new).exactRank = i + 1;
      }
    }
    List<Candidate> ranked = new ArrayList<>(candidates.values());
    scoreUnseenByVector(searcher, ranked, queryVector);
    ranked.sort(order);
    // Stored fields are read only for the hits considered (and for keyword checks on the way):
    // with the index's pages out of the page cache, each read can be a read from disk.
    StoredFields stored = searcher.storedFields();
    Weight allTerms =
        terms.isEmpty()
            ? null
            : searcher.createWeight(
                searcher.rewrite(KeywordTerms.allOf(TEXT, terms)), ScoreMode.COMPLETE_NO_SCORES, 1);
    Map<String, SearchHit> hits = new LinkedHashMap<>();
    for (Candidate c : ranked) {
      if (hits.size() == k) {
        break;
      }
      boolean similar = c.similarity >= minSimilarity || c.exactRank > 0;
      if (similar || (c.keywordRank > 0 && matches(searcher, allTerms, c.doc))) {
        SearchHit hit = hit(stored.document(c.doc), c);
        hits.putIfAbsent(unit.apply(hit), hit);
      }
    }
    return List.copyOf(hits.values());
  }

  /**
   * Whether a passage matches the query, asked of the index's postings: reading and analysing its
   * stored text instead took most of a search's time in a large index.
   */
  private static boolean matches(IndexSearcher searcher, Weight query, int doc) throws IOException {
    List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
    LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
    Scorer scorer = query.scorer(leaf);
    int leafDoc = doc - leaf.docBase;
    return scorer != null && scorer.iterator().advance(leafDoc) == leafDoc;
  }

  private static SearchHit hit(Document document, Candidate c) {
    return new SearchHit(
        document.get(ID),
        document.getField(DATASET).numericValue().longValue(),
        document.getField(RECORD).numericValue().longValue(),
        document.get(KIND),
        document.get(TEXT),
        document.get(ANSWER),
        document.get(HEADING),
        c.similarity,
        c.keywordScore,
        c.vectorRank,
        c.keywordRank,
        c.fused());
  }

  /** The question's words that few passages of a large index hold (but some do). */
  private static Set<String> rareTerms(IndexSearcher searcher, Set<String> terms)
      throws IOException {
    int passages = searcher.getIndexReader().numDocs();
    if (passages < RARE_TERMS_MIN_PASSAGES) {
      return Set.of();
    }
    long limit = Math.max(1, passages * RARE_TERM_SHARE_PERCENT / 100);
    Set<String> rare = new java.util.LinkedHashSet<>();
    for (String term : terms) {
      int frequency = searcher.getIndexReader().docFreq(new Term(TEXT, term));
      if (frequency > 0 && frequency <= limit) {
        rare.add(term);
      }
    }
    return rare;
  }

  /**
   * Gives the keyword hits the vector search missed their cosine from the same 8-bit vectors the
   * vector search scored, in document order (the scorer moves forward only). Their float vectors,
   * read before, are the index's largest file: in 512 MB most of it is out of the page cache, and
   * each of up to 50 random reads a search went to disk.
   */
  private static void scoreUnseenByVector(
      IndexSearcher searcher, List<Candidate> candidates, float[] query) throws IOException {
    List<Candidate> unseen =
        candidates.stream()
            .filter(c -> c.vectorRank == 0)
            .sorted(Comparator.comparingInt(c -> c.doc))
            .toList();
    List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
    LeafReaderContext leaf = null;
    VectorScorer scorer = null;
    for (Candidate c : unseen) {
      LeafReaderContext of = leaves.get(ReaderUtil.subIndex(c.doc, leaves));
      if (of != leaf) {
        leaf = of;
        FloatVectorValues values = leaf.reader().getFloatVectorValues(VECTOR);
        scorer = values == null ? null : values.scorer(query);
      }
      c.similarity = scorer == null ? -1 : similarity(scorer, c.doc - leaf.docBase);
    }
  }

  private static double similarity(VectorScorer scorer, int leafDoc) throws IOException {
    DocIdSetIterator docs = scorer.iterator();
    int at = docs.docID() < leafDoc ? docs.advance(leafDoc) : docs.docID();
    if (at != leafDoc) {
      return -1;
    }
    // Lucene scores a dot product of unit vectors as (1 + cosine) / 2.
    return 2.0 * scorer.score() - 1.0;
  }

  /** A passage found by either search, with what each side said about it. */
  private static final class Candidate {
    final int doc;
    int vectorRank;
    int keywordRank;
    int exactRank;
    double similarity;
    double keywordScore;

    double fused() {
      return RankFusion.score(vectorRank, keywordRank, exactRank);
    }

    Candidate(int doc) {
      this.doc = doc;
    }
  }
}
