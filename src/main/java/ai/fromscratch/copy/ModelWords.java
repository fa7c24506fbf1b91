package ai.fromscratch.copy;

import ai.fromscratch.lm.Vocabulary;

/**
 * The model's words as strings and as copy keys, made on first use and kept: each answer step looks
 * up the model's most probable words, and making their strings and keys again each time (Unicode
 * normalization included) was most of an answer's cost. One per model; thread-safe, since a slot is
 * only ever set to the same immutable string.
 */
public final class ModelWords {
  private final Vocabulary vocabulary;
  private final String[] words;
  private final String[] keys;

  public ModelWords(Vocabulary vocabulary) {
    this.vocabulary = vocabulary;
    this.words = new String[vocabulary.size()];
    this.keys = new String[vocabulary.size()];
  }

  Vocabulary vocabulary() {
    return vocabulary;
  }

  String word(int id) {
    String word = words[id];
    if (word == null) {
      word = vocabulary.word(id);
      words[id] = word;
    }
    return word;
  }

  String key(int id) {
    String key = keys[id];
    if (key == null) {
      key = SurfaceTokenizer.key(word(id));
      keys[id] = key;
    }
    return key;
  }
}
