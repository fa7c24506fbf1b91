package ai.fromscratch.retrieval;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Turns passage hits into records. The passages of one question and answer count as one unit (a
 * heading alone never stands for the text under it; a question found by its answer's words still
 * brings its heading), each text chunk is a unit of its own record, and units are ranked by their
 * best cosine similarity to the question ({@link PassageIndex#searchRecords} finds each unit's best
 * passage in that order). On Python's FAQ, ranking records so put the right one first more often
 * than the order of the passages' rank fusion (see {@code AnswerQualityBenchmark}).
 */
public final class RecordRanking {
  private RecordRanking() {}

  /**
   * The best {@code k} records for a query in an index, as answers use them; a follow-up's records
   * also say how much of its own words they hold.
   */
  public static List<RecordHit> search(
      PassageIndex index, Query query, int k, double minSimilarity) {
    List<RecordHit> records =
        of(index.searchRecords(query.text(), query.vector(), k, minSimilarity), index::stored);
    if (!query.followsUp() || records.isEmpty()) {
      return records;
    }
    List<Double> held =
        index.shareOfWordsHeld(query.ownText(), records.stream().map(RecordHit::text).toList());
    List<RecordHit> judged = new ArrayList<>();
    for (int i = 0; i < records.size(); i++) {
      judged.add(records.get(i).withWordsHeld(held.get(i)));
    }
    return judged;
  }

  /**
   * The records of units' best hits, in their order.
   *
   * @param stored looks a passage up by id (a pair's question, when only its answer was found)
   */
  public static List<RecordHit> of(
      List<SearchHit> bestOfUnits, Function<String, Optional<SearchHit>> stored) {
    return bestOfUnits.stream().map(best -> record(best, stored)).toList();
  }

  /** The unit a hit belongs to: its pair (q and a of one exchange) or its chunk. */
  static String unit(SearchHit hit) {
    return hit.kind().equals(Passage.TEXT) ? hit.id() : questionId(hit.id());
  }

  /**
   * The id of the question passage of a pair, from the id of any of its passages ({@code q1},
   * {@code a1}, {@code a1.2} all belong to {@code q1}).
   */
  static String questionId(String id) {
    int colon = id.lastIndexOf(':');
    int dot = id.indexOf('.', colon);
    return id.substring(0, colon + 1) + "q" + id.substring(colon + 2, dot < 0 ? id.length() : dot);
  }

  private static RecordHit record(SearchHit best, Function<String, Optional<SearchHit>> stored) {
    double fit = best.similarity();
    if (best.kind().equals(Passage.TEXT)) {
      return new RecordHit(best.datasetId(), best.recordId(), null, best.text(), fit, best, 1);
    }
    Optional<SearchHit> question =
        best.kind().equals(Passage.QUESTION)
            ? Optional.of(best)
            : stored.apply(questionId(best.id()));
    if (question.isPresent() && question.get().answer() != null) {
      return new RecordHit(
          best.datasetId(),
          best.recordId(),
          question.get().text(),
          question.get().answer(),
          fit,
          best,
          1);
    }
    // An answer whose question is gone (a half-written index): the answer alone.
    return new RecordHit(best.datasetId(), best.recordId(), null, best.text(), fit, best, 1);
  }
}
