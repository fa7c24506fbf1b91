package ai.fromscratch.engine;

import ai.fromscratch.copy.CopyCorpus;
import ai.fromscratch.copy.MixWeights;
import ai.fromscratch.dataset.Turn;
import ai.fromscratch.lm.EstimationOptions;
import ai.fromscratch.lm.Generation;
import ai.fromscratch.lm.KneserNeyEstimator;
import ai.fromscratch.lm.NextWordDistribution;
import ai.fromscratch.lm.ProgressListener;
import ai.fromscratch.lm.SamplingOptions;
import ai.fromscratch.lm.StoredModel;
import ai.fromscratch.lm.TokenSink;
import ai.fromscratch.lm.WordTokenizer;
import ai.fromscratch.platform.Setting;
import ai.fromscratch.retrieval.Chunk;
import ai.fromscratch.retrieval.Chunker;
import ai.fromscratch.retrieval.Passage;
import ai.fromscratch.retrieval.PassageIndex;
import ai.fromscratch.retrieval.PassageIndexer;
import ai.fromscratch.retrieval.Query;
import ai.fromscratch.retrieval.RecordHit;
import ai.fromscratch.retrieval.RecordPassages;
import ai.fromscratch.retrieval.RecordRanking;
import ai.fromscratch.retrieval.SearchHit;
import ai.fromscratch.retrieval.SentenceEmbedder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Answers to questions about Python's FAQ ({@link PythonFaq}), measured side by side: (a) the model
 * without retrieval, (b) the top passage returned as the answer, (c) the previous version's
 * steering, (d) the answers of {@link Answerer}. The FAQ is the data, uploaded as question and
 * answer pairs (heading and text); the questions are paraphrases written before any tuning. Scores:
 * the right section first among the records found (source@1), among the first three (source@3), and
 * token F1 of the answer against the section's text (SQuAD's normalisation).
 */
final class AnswerQuality implements AutoCloseable {
  static final int ORDER = 4;
  static final int K = 8;
  static final int MAX_PASSAGE_CHARS = 16_000;

  /** The previous chat defaults, with which row (c) answers: temperature 0.7, 60 tokens. */
  static final SamplingOptions PREVIOUS_CHAT =
      new SamplingOptions(60, 0.7, 0, 1, 7L, List.of(), Set.of(), ChatFormat.MARKERS);

  static final SamplingOptions CHAT =
      new SamplingOptions(
          ai.fromscratch.chat.ChatRequest.DEFAULT_MAX_TOKENS,
          0,
          0,
          1,
          7L,
          List.of(),
          Set.of(),
          ChatFormat.MARKERS);

  private final List<PythonFaq.Section> sections;
  private final SentenceEmbedder embedder;
  private final ActiveModel model;
  private final ActiveModel previousModel;
  private final PassageIndex index;
  private final Map<String, List<RecordHit>> found = new java.util.HashMap<>();
  private final ActiveModel documentModel;
  private final ChunkedDocuments chunked;
  private final ChunkedDocuments windows;

  /**
   * The chat's "I don't know", at its defaults (NO_ANSWER_TEXT, ANSWER_MIN_SIMILARITY,
   * FOLLOW_UP_MIN_WORDS_HELD).
   */
  static final NoAnswer NO_ANSWER =
      new NoAnswer(
          Setting.NO_ANSWER_TEXT.defaultValue(),
          Double.parseDouble(Setting.ANSWER_MIN_SIMILARITY.defaultValue()),
          Double.parseDouble(Setting.FOLLOW_UP_MIN_WORDS_HELD.defaultValue()));

  /** One row of the table. */
  record Row(String name, int questions, Double sourceAt1, Double sourceAt3, double f1) {}

  /**
   * How often the answers declined: of covered questions, of questions the data does not cover, of
   * follow-ups it covers, and of follow-ups it does not cover (after a first question it does).
   */
  record Declines(
      int covered,
      int coveredDeclined,
      int uncovered,
      int uncoveredDeclined,
      int coveredFollowUps,
      int coveredFollowUpsDeclined,
      int uncoveredFollowUps,
      int uncoveredFollowUpsDeclined) {}

  AnswerQuality(SentenceEmbedder embedder) {
    this.sections = PythonFaq.load();
    this.embedder = embedder;
    List<List<Turn>> records = new ArrayList<>();
    for (PythonFaq.Section section : sections) {
      records.add(
          List.of(
              new Turn(Turn.USER, section.question()), new Turn(Turn.ASSISTANT, section.answer())));
    }
    this.model = model(records, false);
    // The previous version lower-cased its models by default.
    this.previousModel = model(records, true);
    this.index = PassageIndex.inMemory(embedder.model().canonicalName());
    List<Passage> passages = new ArrayList<>();
    for (int r = 0; r < records.size(); r++) {
      passages.addAll(RecordPassages.of(1, r, records.get(r), Chunker.withDefaults()));
    }
    new PassageIndexer(embedder, index).addAll(passages, 64, done -> {});
    List<PythonFaq.Document> documents = PythonFaq.documents(sections);
    this.documentModel =
        model(documents.stream().map(d -> List.of(new Turn(Turn.TEXT, d.text()))).toList(), false);
    this.chunked =
        new ChunkedDocuments(
            "as the chat chunks", Chunker.withDefaults()::split, embedder, documents, sections);
    this.windows =
        new ChunkedDocuments("fixed windows", WindowChunks::of, embedder, documents, sections);
  }

  private static ActiveModel model(List<List<Turn>> records, boolean lowercase) {
    WordTokenizer tokenizer = new WordTokenizer(lowercase);
    List<String[]> sentences = new ArrayList<>();
    for (List<Turn> record : records) {
      ChatFormat.sentences(record, tokenizer).forEach(s -> sentences.add(s.toArray(String[]::new)));
    }
    CopyCorpus.Builder corpus = CopyCorpus.builderWithoutSources();
    records.forEach(record -> ChatFormat.addDocument(corpus, record));
    return ActiveModel.of(
        "python-faq",
        new StoredModel(
            new KneserNeyEstimator(EstimationOptions.ofOrder(ORDER).withDiscountFallback(true))
                .estimate(sentences, ProgressListener.NONE)
                .model(),
            Map.of(ActiveModel.LOWERCASE, String.valueOf(lowercase))),
        corpus.build());
  }

  int sections() {
    return sections.size();
  }

  /** The four rows for these questions, the new answers made with {@code weights}. */
  List<Row> measure(List<PythonFaq.Question> questions, MixWeights weights) {
    Scores none = new Scores("(a) no retrieval, the model alone");
    Scores top = new Scores("(b) the top passage, returned verbatim");
    Scores previous = new Scores("(c) the previous version's steering");
    Scores answers = new Scores("(d) copy model and Kneser-Ney, greedy");
    for (PythonFaq.Question question : questions) {
      int right = sectionIndex(question.section());
      String reference = sections.get(right).answer();
      List<SearchHit> hits = search(question.text());
      List<RecordHit> found = records(question.text());
      none.scored(TokenF1.of(modelAlone(question.text(), weights), reference));
      top.ranked(records(hits), right, TokenF1.of(topPassage(hits), reference));
      previous.ranked(records(hits), right, TokenF1.of(previous(question.text(), hits), reference));
      answers.ranked(
          recordIds(found), right, TokenF1.of(answer(question.text(), found, weights), reference));
    }
    return List.of(none.row(), top.row(), previous.row(), answers.row());
  }

  /**
   * The questions asked of the FAQ kept as documents (each file one text record): the top passage
   * and the chat's answer, with the documents chunked as the chat chunks them and in fixed-size
   * windows. A passage stands for the section that holds most of its characters.
   */
  List<Row> measureDocuments(List<PythonFaq.Question> questions, MixWeights weights) {
    List<Query> queries = questions.stream().map(q -> Query.of(embedder, q.text())).toList();
    List<Row> rows = new ArrayList<>(measureDocuments(windows, questions, queries, weights));
    rows.addAll(measureDocuments(chunked, questions, queries, weights));
    return rows;
  }

  /** Rows (b) and (d) for the documents chunked one way. */
  private List<Row> measureDocuments(
      ChunkedDocuments documents,
      List<PythonFaq.Question> questions,
      List<Query> queries,
      MixWeights weights) {
    Scores top = new Scores("(b) " + documents.chunking + ": the top passage, returned verbatim");
    Scores answers = new Scores("(d) " + documents.chunking + ": the chat's answer");
    for (int i = 0; i < questions.size(); i++) {
      PythonFaq.Question question = questions.get(i);
      int right = sectionIndex(question.section());
      String reference = sections.get(right).answer();
      List<RecordHit> hits =
          RecordRanking.search(
              documents.index, queries.get(i), K, PassageIndex.DEFAULT_MIN_SIMILARITY);
      List<Long> ranked = hits.stream().map(documents::section).toList();
      String answer =
          answer(
              documentModel,
              ChatFormat.prompt(question.text(), documentModel.tokenizer()),
              hits,
              weights,
              Optional.of(NO_ANSWER));
      top.ranked(ranked, right, TokenF1.of(hits.isEmpty() ? "" : hits.get(0).answer(), reference));
      answers.ranked(ranked, right, TokenF1.of(answer, reference));
    }
    return List.of(top.row(), answers.row());
  }

  /**
   * The second turns of two-turn conversations: (a) asked alone, as the chat did before it read the
   * conversation, and (b) after the first turn and the answer to it, as the chat asks them now.
   */
  List<Row> measureFollowUps(List<PythonFaq.FollowUp> followUps, MixWeights weights) {
    Scores alone = new Scores("(a) the second question alone");
    Scores followed = new Scores("(b) after the first turn, as the chat asks it");
    for (PythonFaq.FollowUp followUp : followUps) {
      int right = sectionIndex(followUp.section());
      String reference = sections.get(right).answer();
      String first = followUp.turns().get(0);
      String second = followUp.turns().get(1);
      List<RecordHit> own = records(second, Optional.empty());
      alone.ranked(recordIds(own), right, TokenF1.of(answer(second, own, weights), reference));
      PriorExchange earlier =
          new PriorExchange(first, answer(first, records(first, Optional.empty()), weights));
      List<RecordHit> found = records(second, Optional.of(first));
      String answer =
          answer(
              ChatFormat.prompt(Optional.of(earlier), second, model.tokenizer()),
              found,
              weights,
              Optional.of(NO_ANSWER));
      followed.ranked(recordIds(found), right, TokenF1.of(answer, reference));
    }
    return List.of(alone.row(), followed.row());
  }

  /**
   * How often the chat says "I don't know" with {@code noAnswer}, to covered and uncovered
   * questions, and to the second turns of covered and uncovered follow-ups.
   */
  Declines declines(
      List<PythonFaq.Question> covered,
      List<PythonFaq.Question> uncovered,
      List<PythonFaq.FollowUp> coveredFollowUps,
      List<List<String>> uncoveredFollowUps,
      NoAnswer noAnswer) {
    return new Declines(
        covered.size(),
        declined(covered, noAnswer),
        uncovered.size(),
        declined(uncovered, noAnswer),
        coveredFollowUps.size(),
        declinedSecondTurns(coveredFollowUps.stream().map(PythonFaq.FollowUp::turns), noAnswer),
        uncoveredFollowUps.size(),
        declinedSecondTurns(uncoveredFollowUps.stream(), noAnswer));
  }

  private int declinedSecondTurns(Stream<List<String>> conversations, NoAnswer noAnswer) {
    return (int)
        conversations
            .filter(turns -> noAnswer.declines(records(turns.get(1), Optional.of(turns.get(0)))))
            .count();
  }

  private int declined(List<PythonFaq.Question> questions, NoAnswer noAnswer) {
    return (int)
        questions.stream()
            .filter(question -> noAnswer.declines(records(question.text(), Optional.empty())))
            .count();
  }

  /** Mean F1 of the new answers only (for tuning). */
  double meanF1(List<PythonFaq.Question> questions, MixWeights weights) {
    double total = 0;
    for (PythonFaq.Question question : questions) {
      String reference = sections.get(sectionIndex(question.section())).answer();
      total += TokenF1.of(answer(question.text(), records(question.text()), weights), reference);
    }
    return total / questions.size();
  }

  /** The passages the chat's search finds, in the order of their rank fusion. */
  List<SearchHit> search(String question) {
    return searchK(question, K);
  }

  List<SearchHit> searchK(String question, int k) {
    return index.search(question, embedder.embed(question), k, PassageIndex.DEFAULT_MIN_SIMILARITY);
  }

  /** The records the answers use, as the server ranks them. */
  List<RecordHit> records(String question) {
    return records(question, Optional.empty());
  }

  /** The records for a question after {@code earlier}, as the server ranks them. */
  private List<RecordHit> records(String question, Optional<String> earlier) {
    // Tuning asks the same questions over and over: their records are found once.
    return found.computeIfAbsent(
        earlier.orElse("") + "\u0000" + question,
        key ->
            RecordRanking.search(
                index,
                Query.followUp(embedder, question, earlier),
                K,
                PassageIndex.DEFAULT_MIN_SIMILARITY));
  }

  private static List<Long> recordIds(List<RecordHit> records) {
    return records.stream().map(RecordHit::recordId).toList();
  }

  /** The chat's answer to a question, "I don't know" included. */
  String answer(String question, List<RecordHit> found, MixWeights weights) {
    return answer(
        ChatFormat.prompt(question, model.tokenizer()), found, weights, Optional.of(NO_ANSWER));
  }

  /** The model's answer without retrieval ({@code use_rag: false}): it never declines. */
  private String modelAlone(String question, MixWeights weights) {
    return answer(
        ChatFormat.prompt(question, model.tokenizer()), List.of(), weights, Optional.empty());
  }

  private String answer(
      List<String> prompt, List<RecordHit> found, MixWeights weights, Optional<NoAnswer> noAnswer) {
    return answer(model, prompt, found, weights, noAnswer);
  }

  private static String answer(
      ActiveModel model,
      List<String> prompt,
      List<RecordHit> found,
      MixWeights weights,
      Optional<NoAnswer> noAnswer) {
    return new Answerer(model, weights, MAX_PASSAGE_CHARS, noAnswer)
        .answer(prompt, found, CHAT, TokenSink.IGNORE)
        .generation()
        .text();
  }

  /** The top hit as the chat shows a source: its text, and its answer when it carries one. */
  static String topPassage(List<SearchHit> hits) {
    if (hits.isEmpty()) {
      return "";
    }
    SearchHit hit = hits.get(0);
    return hit.answer() == null ? hit.text() : hit.text() + "\n\n" + hit.answer();
  }

  /**
   * The previous version: the passages' own small model mixed in, their words before the prompt.
   */
  private String previous(String question, List<SearchHit> hits) {
    NextWordDistribution distribution =
        SteeringBaseline.distribution(previousModel, question, hits, SteeringBaseline.WEIGHT);
    List<String> history =
        new ArrayList<>(
            SteeringBaseline.contextTokens(hits, previousModel.tokenizer(), MAX_PASSAGE_CHARS));
    history.addAll(ChatFormat.prompt(question, previousModel.tokenizer()));
    Generation generation =
        previousModel.generator().generate(distribution, history, PREVIOUS_CHAT, TokenSink.IGNORE);
    return generation.text();
  }

  /** The records of the hits, in the order of their best hit. */
  static List<Long> records(List<SearchHit> hits) {
    Set<Long> records = new LinkedHashSet<>();
    hits.forEach(hit -> records.add(hit.recordId()));
    return List.copyOf(records);
  }

  private int sectionIndex(String heading) {
    for (int i = 0; i < sections.size(); i++) {
      if (sections.get(i).question().equals(heading)) {
        return i;
      }
    }
    throw new IllegalArgumentException("No section is headed " + heading);
  }

  @Override
  public void close() {
    index.close();
    chunked.index.close();
    windows.index.close();
  }

  /** The FAQ's documents chunked one way, indexed, and the section each passage stands for. */
  private static final class ChunkedDocuments {
    private static final long DATASET = 2;

    /** How the documents were chunked, as the rows name it. */
    final String chunking;

    final PassageIndex index;
    private final Map<String, Long> sectionOfPassage;

    /** Indexes the documents as {@code split} cuts them. */
    ChunkedDocuments(
        String chunking,
        Function<String, List<Chunk>> split,
        SentenceEmbedder embedder,
        List<PythonFaq.Document> documents,
        List<PythonFaq.Section> sections) {
      this.chunking = chunking;
      this.index = PassageIndex.inMemory(embedder.model().canonicalName());
      this.sectionOfPassage = new HashMap<>();
      List<Passage> all = new ArrayList<>();
      for (int d = 0; d < documents.size(); d++) {
        PythonFaq.Document document = documents.get(d);
        List<Chunk> chunks = split.apply(document.text());
        List<Passage> passages = Passage.ofChunks(DATASET, d, 0, chunks);
        for (int i = 0; i < passages.size(); i++) {
          sectionOfPassage.put(passages.get(i).id(), mostOf(chunks.get(i), document, sections));
        }
        all.addAll(passages);
      }
      new PassageIndexer(embedder, index).addAll(all, 64, done -> {});
    }

    /** The section holding most of a chunk's characters (-1: none, as in a heading alone). */
    private static long mostOf(
        Chunk chunk, PythonFaq.Document document, List<PythonFaq.Section> sections) {
      long best = -1;
      int most = 0;
      for (PythonFaq.SectionSpan span : document.sections()) {
        int shared = Math.min(chunk.end(), span.end()) - Math.max(chunk.start(), span.start());
        if (shared > most) {
          most = shared;
          best = sections.indexOf(span.section());
        }
      }
      return best;
    }

    long section(RecordHit hit) {
      return sectionOfPassage.getOrDefault(hit.best().id(), -1L);
    }
  }

  /** The running sums of one row. */
  private static final class Scores {
    private final String name;
    private int questions;
    private int ranked;
    private int first;
    private int inTop3;
    private double f1;

    Scores(String name) {
      this.name = name;
    }

    /** An answer whose sources were ranked: {@code records} in order, {@code right} the section. */
    void ranked(List<Long> records, int right, double score) {
      ranked++;
      if (!records.isEmpty() && records.get(0) == right) {
        first++;
      }
      if (records.subList(0, Math.min(3, records.size())).contains((long) right)) {
        inTop3++;
      }
      scored(score);
    }

    void scored(double score) {
      questions++;
      f1 += score;
    }

    Row row() {
      return new Row(
          name,
          questions,
          ranked == 0 ? null : (double) first / ranked,
          ranked == 0 ? null : (double) inTop3 / ranked,
          f1 / questions);
    }
  }
}
