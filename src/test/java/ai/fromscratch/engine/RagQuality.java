package ai.fromscratch.engine;

import ai.fromscratch.dataset.Turn;
import ai.fromscratch.lm.EstimationOptions;
import ai.fromscratch.lm.Generation;
import ai.fromscratch.lm.KneserNeyEstimator;
import ai.fromscratch.lm.NextWordDistribution;
import ai.fromscratch.lm.ProgressListener;
import ai.fromscratch.lm.SamplingOptions;
import ai.fromscratch.lm.StoredModel;
import ai.fromscratch.lm.TokenSink;
import ai.fromscratch.lm.Tokenizer;
import ai.fromscratch.lm.Vocabulary;
import ai.fromscratch.retrieval.Chunker;
import ai.fromscratch.retrieval.PassageIndex;
import ai.fromscratch.retrieval.PassageIndexer;
import ai.fromscratch.retrieval.RecordPassages;
import ai.fromscratch.retrieval.SearchHit;
import ai.fromscratch.retrieval.SentenceEmbedder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Measures what retrieval does to answers: trains a model on {@link PlanetFacts}' training records,
 * indexes them, then answers each held-out question greedily with and without retrieval and
 * compares the answers with the reference (token F1, ROUGE-L), and the reference answer's
 * perplexity under both distributions.
 */
final class RagQuality {
  private static final SamplingOptions GREEDY =
      new SamplingOptions(40, 0, 0, 1, 1L, List.of(), Set.of(), ChatFormat.MARKERS);

  /** The averages over the held-out questions. */
  record Report(
      int questions,
      double f1Without,
      double f1With,
      double rougeWithout,
      double rougeWith,
      double perplexityWithout,
      double perplexityWith,
      double sourceInTop3) {}

  /** Measures on the held-out questions and on the trained questions asked in other words. */
  static List<Report> measure(
      PlanetFacts facts,
      SentenceEmbedder embedder,
      int order,
      int k,
      double weight,
      double minSimilarity) {
    Tokenizer tokenizer = new Tokenizer(true);
    List<String[]> sentences = new ArrayList<>();
    for (List<Turn> record : facts.training) {
      ChatFormat.sentences(record, tokenizer).forEach(s -> sentences.add(s.toArray(String[]::new)));
    }
    var model =
        new KneserNeyEstimator(EstimationOptions.ofOrder(order).withDiscountFallback(true))
            .estimate(sentences, ProgressListener.NONE)
            .model();
    ActiveModel active =
        ActiveModel.of("planets", new StoredModel(model, Map.of(ActiveModel.LOWERCASE, "true")));
    Map<Long, String> recordPlanet = new HashMap<>();
    try (PassageIndex index = PassageIndex.inMemory(embedder.model().canonicalName())) {
      PassageIndexer indexer = new PassageIndexer(embedder, index);
      List<ai.fromscratch.retrieval.Passage> passages = new ArrayList<>();
      for (int r = 0; r < facts.training.size(); r++) {
        passages.addAll(RecordPassages.of(1, r + 1, facts.training.get(r), Chunker.withDefaults()));
        recordPlanet.put((long) r + 1, planetOf(facts, facts.training.get(r).get(0).text()));
      }
      indexer.addAll(passages, 64, done -> {});
      Setup setup =
          new Setup(
              facts, embedder, active, index, recordPlanet, tokenizer, k, weight, minSimilarity);
      return List.of(setup.evaluate(facts.heldOut), setup.evaluate(facts.paraphrased));
    }
  }

  /** A trained model with its index, ready to answer questions. */
  private record Setup(
      PlanetFacts facts,
      SentenceEmbedder embedder,
      ActiveModel active,
      PassageIndex index,
      Map<Long, String> recordPlanet,
      Tokenizer tokenizer,
      int k,
      double weight,
      double minSimilarity) {

    Report evaluate(List<PlanetFacts.Pair> questions) {

      double f1Without = 0;
      double f1With = 0;
      double rougeWithout = 0;
      double rougeWith = 0;
      double logWithout = 0;
      double logWith = 0;
      long tokens = 0;
      int found = 0;
      for (PlanetFacts.Pair pair : questions) {
        List<String> prompt = ChatFormat.prompt(pair.asked(), tokenizer);
        List<String> reference = tokenizer.tokenize(pair.answer());
        List<SearchHit> hits =
            index.search(pair.asked(), embedder.embed(pair.asked()), k, minSimilarity);
        String planet = planetOf(facts, pair.answer());
        if (hits.stream().limit(3).anyMatch(h -> planet.equals(recordPlanet.get(h.recordId())))) {
          found++;
        }
        NextWordDistribution plain = active.generator().newDistribution();
        NextWordDistribution steered =
            RetrievalSteering.distribution(active, pair.asked(), hits, weight);
        List<String> steeredHistory =
            new ArrayList<>(RetrievalSteering.contextTokens(hits, tokenizer, 16_000));
        steeredHistory.addAll(prompt);
        List<String> without = answer(active, plain, prompt, tokenizer);
        List<String> with = answer(active, steered, steeredHistory, tokenizer);
        f1Without += f1(without, reference);
        f1With += f1(with, reference);
        rougeWithout += rougeL(without, reference);
        rougeWith += rougeL(with, reference);
        logWithout += log10Probability(active, plain, prompt, reference);
        logWith += log10Probability(active, steered, steeredHistory, reference);
        tokens += reference.size() + 1;
      }
      int n = questions.size();
      return new Report(
          n,
          f1Without / n,
          f1With / n,
          rougeWithout / n,
          rougeWith / n,
          Math.pow(10, -logWithout / tokens),
          Math.pow(10, -logWith / tokens),
          (double) found / n);
    }
  }

  private static String planetOf(PlanetFacts facts, String text) {
    return facts.planets.stream()
        .map(PlanetFacts.Planet::name)
        .filter(name -> text.contains(name))
        .findFirst()
        .orElse("");
  }

  private static List<String> answer(
      ActiveModel model,
      NextWordDistribution distribution,
      List<String> history,
      Tokenizer tokenizer) {
    Generation generation =
        model.generator().generate(distribution, history, GREEDY, TokenSink.IGNORE);
    return tokenizer.tokenize(generation.text());
  }

  /** log10 p(reference, then the end of the sentence | history). */
  private static double log10Probability(
      ActiveModel model,
      NextWordDistribution distribution,
      List<String> history,
      List<String> reference) {
    Vocabulary vocabulary = model.model().vocabulary();
    distribution.reset();
    history.forEach(word -> distribution.append(vocabulary.id(word)));
    double log10 = 0;
    for (String word : reference) {
      int id = vocabulary.id(word);
      log10 += Math.log10(distribution.probability(id));
      distribution.append(id);
    }
    return log10 + Math.log10(distribution.probability(Vocabulary.EOS));
  }

  static double f1(List<String> candidate, List<String> reference) {
    Map<String, Integer> counts = new HashMap<>();
    reference.forEach(t -> counts.merge(t, 1, Integer::sum));
    int common = 0;
    for (String token : candidate) {
      Integer left = counts.get(token);
      if (left != null && left > 0) {
        common++;
        counts.put(token, left - 1);
      }
    }
    if (common == 0) {
      return 0;
    }
    double precision = (double) common / candidate.size();
    double recall = (double) common / reference.size();
    return 2 * precision * recall / (precision + recall);
  }

  static double rougeL(List<String> candidate, List<String> reference) {
    int[][] lcs = new int[candidate.size() + 1][reference.size() + 1];
    for (int i = 1; i <= candidate.size(); i++) {
      for (int j = 1; j <= reference.size(); j++) {
        lcs[i][j] =
            candidate.get(i - 1).equals(reference.get(j - 1))
                ? lcs[i - 1][j - 1] + 1
                : Math.max(lcs[i - 1][j], lcs[i][j - 1]);
      }
    }
    int length = lcs[candidate.size()][reference.size()];
    if (length == 0) {
      return 0;
    }
    double precision = (double) length / candidate.size();
    double recall = (double) length / reference.size();
    return 2 * precision * recall / (precision + recall);
  }
}
