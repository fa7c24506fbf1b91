package ai.fromscratch.lm;

import java.util.List;

/**
 * Continues a prompt with sampled words (never an excluded token), handing out each token as it is
 * produced. Stops at {@code </s>}, a stop token, a stop string (the text is cut before it; tokens
 * that might begin a stop string are held back until they cannot), the token limit, or when the
 * sink asks to. Thread-safe: each call has its own distribution and sampler.
 */
public final class TextGenerator {
  private final NgramModel model;
  private final WordTokenizer tokenizer;
  private final UnigramAliasTable unigrams;

  public TextGenerator(NgramModel model, WordTokenizer tokenizer) {
    this.model = model;
    this.tokenizer = tokenizer;
    this.unigrams = new UnigramAliasTable(model);
  }

  public NgramModel model() {
    return model;
  }

  /** A fresh distribution over this model, to sample from or to mix with another one. */
  public NextWordDistribution newDistribution() {
    return new BackoffDistribution(model, unigrams);
  }

  public Generation generate(String prompt, SamplingOptions options) {
    return generate(prompt, options, TokenSink.IGNORE);
  }

  public Generation generate(String prompt, SamplingOptions options, TokenSink sink) {
    return generate(newDistribution(), tokenizer.tokenize(prompt), options, sink);
  }

  /** Generates from any distribution over this model's word ids, after the prompt's tokens. */
  public Generation generate(
      NextWordDistribution distribution,
      List<String> promptTokens,
      SamplingOptions options,
      TokenSink sink) {
    Vocabulary vocabulary = model.vocabulary();
    distribution.reset();
    for (String token : promptTokens) {
      distribution.append(vocabulary.id(token));
    }
    Sampler sampler =
        new Sampler(
            options,
            options.excludedTokens().stream()
                .mapToInt(vocabulary::id)
                .filter(id -> id != Vocabulary.UNK)
                .toArray());
    GeneratedText output = new GeneratedText(options.stopStrings(), sink);
    for (int step = 0; step < options.maxTokens(); step++) {
      int word = sampler.next(distribution);
      if (word == Vocabulary.EOS) {
        return output.finish(StopReason.END_OF_SENTENCE);
      }
      String token = vocabulary.word(word);
      if (options.stopTokens().contains(token)) {
        return output.finish(StopReason.STOP_TOKEN);
      }
      distribution.append(word);
      StopReason stop = output.add(token, output.spaced(token));
      if (stop != null) {
        return output.finish(stop);
      }
    }
    return output.finish(StopReason.MAX_TOKENS);
  }
}
