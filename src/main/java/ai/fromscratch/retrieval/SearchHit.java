package ai.fromscratch.retrieval;

/**
 * One result of a hybrid search.
 *
 * @param heading the title of the section a text chunk lies in, null when none (and for the
 *     passages of a question and answer, whose question says what they are about)
 * @param similarity cosine similarity of the passage to the question (-1 to 1), known for every
 *     hit, also one that only the keyword search found
 * @param keywordScore Lucene's BM25 score, 0 when the keyword search did not find the passage
 * @param vectorRank 1-based rank in the vector search's candidates, 0 when not among them
 * @param keywordRank 1-based rank in the keyword search's candidates, 0 when not among them
 * @param fusedScore the reciprocal rank fusion score the hits are ordered by
 */
public record SearchHit(
    String id,
    long datasetId,
    long recordId,
    String kind,
    String text,
    String answer,
    String heading,
    double similarity,
    double keywordScore,
    int vectorRank,
    int keywordRank,
    double fusedScore) {}
