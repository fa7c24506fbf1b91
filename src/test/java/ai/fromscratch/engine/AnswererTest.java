package ai.fromscratch.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.fromscratch.copy.CopiedStretch;
import ai.fromscratch.dataset.Turn;
import ai.fromscratch.lm.EstimationOptions;
import ai.fromscratch.lm.KneserNeyEstimator;
import ai.fromscratch.lm.ProgressListener;
import ai.fromscratch.lm.SamplingOptions;
import ai.fromscratch.lm.StoredModel;
import ai.fromscratch.lm.TokenSink;
import ai.fromscratch.lm.WordTokenizer;
import ai.fromscratch.retrieval.Passage;
import ai.fromscratch.retrieval.RecordHit;
import ai.fromscratch.retrieval.SearchHit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Answers copied from the passages retrieval found: exact, attributed, and ending with them. */
class AnswererTest {
  private static final String HOLD_Q = "How can I stop a package from being upgraded?";
  private static final String HOLD_A =
      "Mark it with `apt-mark hold <package>`; `dpkg --list` then shows it as held (see"
          + " /etc/apt/sources.list and https://www.debian.org/doc/).";
  private static final String CLEAN_Q = "How do I free disk space?";
  private static final String CLEAN_A = "Run apt-get clean: it empties /var/cache/apt/archives.";
  private static final SamplingOptions GREEDY =
      new SamplingOptions(200, 0, 0, 1, 1L, List.of(), Set.of(), ChatFormat.MARKERS);

  private static ActiveModel model() {
    WordTokenizer tokenizer = new WordTokenizer(false);
    List<String[]> sentences = new ArrayList<>();
    for (String[] pair : new String[][] {{HOLD_Q, HOLD_A}, {CLEAN_Q, CLEAN_A}}) {
      ChatFormat.sentences(
              List.of(new Turn(Turn.USER, pair[0]), new Turn(Turn.ASSISTANT, pair[1])), tokenizer)
          .forEach(s -> sentences.add(s.toArray(String[]::new)));
    }
    return ActiveModel.of(
        "test",
        new StoredModel(
            new KneserNeyEstimator(EstimationOptions.ofOrder(3).withDiscountFallback(true))
                .estimate(sentences, ProgressListener.NONE)
                .model(),
            Map.of(ActiveModel.LOWERCASE, "false")));
  }

  private static RecordHit question(long record, String question, String answer, double fit) {
    return question(record, question, answer, fit, 1);
  }

  /** A record found for a follow-up, holding {@code wordsHeld} of its own words. */
  private static RecordHit question(
      long record, String question, String answer, double fit, double wordsHeld) {
    SearchHit hit =
        new SearchHit(
            "d1:r" + record + ":q",
            1,
            record,
            Passage.QUESTION,
            question,
            answer,
            null,
            fit,
            0,
            1,
            0,
            fit);
    return new RecordHit(1, record, question, answer, fit, hit, wordsHeld);
  }

  private static Answerer.Answer ask(String question, List<RecordHit> hits) {
    ActiveModel model = model();
    return new Answerer(model, Answerer.TUNED, 16_000, Optional.empty())
        .answer(ChatFormat.prompt(question, model.tokenizer()), hits, GREEDY, TokenSink.IGNORE);
  }

  @Test
  void theBestFittingRecordsAnswerIsCopiedByteForByteAndEndsWhereItEnds() {
    List<RecordHit> hits =
        List.of(question(1, HOLD_Q, HOLD_A, 0.81), question(2, CLEAN_Q, CLEAN_A, 0.42));

    Answerer.Answer answer = ask("how do I keep a package from upgrading", hits);

    assertEquals(HOLD_A, answer.generation().text());
    assertEquals("end_of_sentence", answer.generation().stopReason().name().toLowerCase());
  }

  @Test
  void theCopiedStretchSaysWhichRecordAndWhichCharactersItCameFrom() {
    List<RecordHit> hits =
        List.of(question(2, CLEAN_Q, CLEAN_A, 0.78), question(1, HOLD_Q, HOLD_A, 0.40));

    Answerer.Answer answer = ask("Where can I free some disk space?", hits);

    String text = answer.generation().text();
    assertEquals(CLEAN_A, text);
    assertEquals(1, answer.stretches().size(), answer.stretches().toString());
    CopiedStretch stretch = answer.stretches().get(0);
    assertEquals(0, stretch.answerStart());
    assertEquals(text.length(), stretch.answerEnd());
    assertEquals(AnswerPassages.ANSWER, stretch.part());
    assertEquals(2, answer.passages().records().get(stretch.document()).recordId());
    assertEquals(CLEAN_A, CLEAN_A.substring(stretch.sourceStart(), stretch.sourceEnd()));
  }

  @Test
  void anAnswerNeverRunsOnIntoAnotherRecord() {
    List<RecordHit> hits =
        List.of(question(1, HOLD_Q, HOLD_A, 0.70), question(2, CLEAN_Q, CLEAN_A, 0.69));

    String text = ask("package upgrade hold", hits).generation().text();

    assertFalse(text.contains(HOLD_A) && text.contains("apt-get clean"), text);
    assertTrue(text.equals(HOLD_A) || text.equals(CLEAN_A), text);
  }

  @Test
  void wordsTheModelNeverSawAreCopiedFromARecordIndexedWithoutRetraining() {
    String answer = "Flüggåenkǿnigsegg runs `xq-frobnicate --zap` on Quetzalcoatl hosts.";
    List<RecordHit> hits = List.of(question(9, "What does xq do?", answer, 0.9));

    String text = ask("what does xq do", hits).generation().text();

    assertEquals(answer, text);
  }

  @Test
  void passagesBeyondTheBudgetAreNotCopiedFrom() {
    List<RecordHit> hits = List.of(question(1, HOLD_Q, HOLD_A, 0.81));
    ActiveModel model = model();

    Answerer.Answer answer =
        new Answerer(model, Answerer.TUNED, 60, Optional.empty())
            .answer(ChatFormat.prompt(HOLD_Q, model.tokenizer()), hits, GREEDY, TokenSink.IGNORE);

    assertTrue(answer.generation().text().length() <= 60, answer.generation().text());
  }

  @Test
  void attributionsNameTheSourcesUsedInOrderAndTheRestIsAlsoRetrieved() {
    RecordHit clean = question(2, CLEAN_Q, CLEAN_A, 0.78);
    RecordHit hold = question(1, HOLD_Q, HOLD_A, 0.40);

    AnswerSources sources =
        AnswerSources.of(ask("Where can I free some disk space?", List.of(hold, clean)));

    assertEquals(List.of(clean), sources.used());
    assertEquals(List.of(hold), sources.alsoRetrieved());
    assertEquals(
        List.of(new Attribution(0, CLEAN_A.length(), 0, "answer", 0, CLEAN_A.length())),
        sources.attributions());
  }

  @Test
  void aFollowUpWhoseOwnWordsTheRecordDoesNotHoldIsDeclinedHoweverWellTheTopicFits() {
    NoAnswer noAnswer = new NoAnswer("I don't know.", 0.5, 0.15);

    assertTrue(noAnswer.declines(List.of(question(1, CLEAN_Q, CLEAN_A, 0.8, 0.1))));
    assertFalse(noAnswer.declines(List.of(question(1, CLEAN_Q, CLEAN_A, 0.8, 0.2))));
    assertTrue(noAnswer.declines(List.of(question(1, CLEAN_Q, CLEAN_A, 0.45, 1))));
  }

  @Test
  void aQuestionNothingFoundSupportsIsDeclinedAndWhatWasFoundBecomesSuggestions() {
    ActiveModel model = model();
    NoAnswer noAnswer = new NoAnswer("I don't know.", 0.5, 0.15);
    RecordHit weak = question(2, CLEAN_Q, CLEAN_A, 0.45);
    List<String> streamed = new ArrayList<>();

    Answerer.Answer declined =
        new Answerer(model, Answerer.TUNED, 16_000, Optional.of(noAnswer))
            .answer(
                ChatFormat.prompt("who painted the Mona Lisa", model.tokenizer()),
                List.of(weak),
                GREEDY,
                (token, piece) -> streamed.add(piece));
    Answerer.Answer nothingFound =
        new Answerer(model, Answerer.TUNED, 16_000, Optional.of(noAnswer))
            .answer(List.of("<user>", "hi", "<assistant>"), List.of(), GREEDY, TokenSink.IGNORE);

    assertTrue(declined.declined());
    assertEquals("I don't know.", declined.generation().text());
    assertEquals(List.of("I don't know."), streamed);
    assertEquals(List.of(weak), AnswerSources.of(declined).alsoRetrieved());
    assertEquals(List.of(), AnswerSources.of(declined).attributions());
    assertTrue(nothingFound.declined());
    assertFalse(
        ask("Where can I free some disk space?", List.of(weak)).declined(),
        "without a NoAnswer the answer goes on");
  }

  @Test
  void aFollowUpsPromptHoldsTheExchangeBeforeIt() {
    WordTokenizer tokenizer = new WordTokenizer(false);

    List<String> prompt =
        ChatFormat.prompt(
            Optional.of(new PriorExchange("Is it free?", "Yes.")), "and open source?", tokenizer);

    assertEquals(
        List.of(
            "<user>",
            "Is",
            "it",
            "free",
            "<assistant>",
            "Yes",
            ".",
            "<user>",
            "and",
            "open",
            "source",
            "<assistant>"),
        prompt);
  }
}
