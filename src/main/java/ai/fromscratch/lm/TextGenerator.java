package ai.fromscratch.lm;

import java.util.ArrayList;
import java.util.List;

/**
 * Continues a prompt with sampled words (never an excluded token), handing out each token as it is
 * produced. Stops at {@code </s>}, a stop token, a stop string (the text is cut before it; tokens
 * that might begin a stop string are held back until they cannot), the token limit, or when the
 * sink asks to. Thread-safe: each call has its own distribution and sampler.
 */
public final class TextGenerator {
  private final NgramModel model;
  private final Tokenizer tokenizer;
  private final UnigramAliasTable unigrams;

  public TextGenerator(NgramModel model, Tokenizer tokenizer) {
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
    Output output = new Output(options.stopStrings(), sink);
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
      StopReason stop = output.add(token);
      if (stop != null) {
        return output.finish(stop);
      }
    }
    return output.finish(StopReason.MAX_TOKENS);
  }

  /** The growing text, with the tokens held back while they might start a stop string. */
  private static final class Output {
    private final List<String> stopStrings;
    private final int longestStop;
    private final TokenSink sink;
    private final Detokenizer detokenizer = new Detokenizer();
    private final StringBuilder text = new StringBuilder();
    private final List<String> emitted = new ArrayList<>();
    private final List<String> heldTokens = new ArrayList<>();
    private final List<String> heldPieces = new ArrayList<>();
    private int heldStart;
    private boolean cancelled;

    Output(List<String> stopStrings, TokenSink sink) {
      this.stopStrings = stopStrings;
      this.longestStop = stopStrings.stream().mapToInt(String::length).max().orElse(0);
      this.sink = sink;
    }

    /** Adds a token; returns why to stop, or null to go on. */
    StopReason add(String token) {
      String piece = detokenizer.append(token);
      int pieceStart = text.length();
      text.append(piece);
      if (heldTokens.isEmpty()) {
        heldStart = pieceStart;
      }
      heldTokens.add(token);
      heldPieces.add(piece);
      if (stopStrings.isEmpty()) {
        release(text.length(), false);
        return cancelled ? StopReason.CANCELLED : null;
      }
      int stop = firstStop(Math.max(0, pieceStart - longestStop + 1));
      if (stop >= 0) {
        release(stop, true);
        text.setLength(stop);
        return cancelled ? StopReason.CANCELLED : StopReason.STOP_STRING;
      }
      release(text.length() - longestPossibleStopStart(), false);
      return cancelled ? StopReason.CANCELLED : null;
    }

    Generation finish(StopReason reason) {
      if (reason != StopReason.STOP_STRING && reason != StopReason.CANCELLED) {
        release(text.length(), false);
      }
      StopReason result = cancelled ? StopReason.CANCELLED : reason;
      return new Generation(emitted, text.toString(), result);
    }

    private int firstStop(int from) {
      int first = -1;
      for (String stop : stopStrings) {
        int at = text.indexOf(stop, from);
        if (at >= 0 && (first < 0 || at < first)) {
          first = at;
        }
      }
      return first;
    }

    /** Length of the longest end of the text that is the beginning of a stop string. */
    private int longestPossibleStopStart() {
      int longest = 0;
      for (String stop : stopStrings) {
        for (int length = Math.min(stop.length() - 1, text.length()); length > longest; length--) {
          if (endsWith(stop, length)) {
            longest = length;
            break;
          }
        }
      }
      return longest;
    }

    private boolean endsWith(String stop, int length) {
      int offset = text.length() - length;
      for (int i = 0; i < length; i++) {
        if (text.charAt(offset + i) != stop.charAt(i)) {
          return false;
        }
      }
      return true;
    }

    /**
     * Hands out the held tokens whose text ends by {@code end}; with {@code cut}, also the one
     * reaching past {@code end}, shortened to it (the text is being cut there).
     */
    private void release(int end, boolean cut) {
      int released = 0;
      while (released < heldTokens.size() && !cancelled) {
        String piece = heldPieces.get(released);
        int pieceEnd = heldStart + piece.length();
        if (pieceEnd > end) {
          if (cut && heldStart < end) {
            emit(heldTokens.get(released++), piece.substring(0, end - heldStart));
          }
          break;
        }
        emit(heldTokens.get(released++), piece);
        heldStart = pieceEnd;
      }
      heldTokens.subList(0, released).clear();
      heldPieces.subList(0, released).clear();
    }

    private void emit(String token, String piece) {
      emitted.add(token);
      cancelled = !sink.accept(token, piece);
    }
  }
}
