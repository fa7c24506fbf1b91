package ai.fromscratch.bpe;

import ai.fromscratch.json.JsonSyntaxException;
import ai.fromscratch.json.JsonText;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a tokenizer.json back into a {@link BpeTokenizer}. It accepts what {@link
 * TokenizerJsonWriter} writes (merges as pairs or as "left right" strings), checks that the file is
 * consistent, and refuses, with a {@link TokenizerFormatException} naming the problem, any file
 * whose pipeline this package would not reproduce exactly.
 */
public final class TokenizerJsonReader {
  private static final Set<String> TOP_LEVEL_KEYS =
      Set.of(
          "version",
          "truncation",
          "padding",
          "added_tokens",
          "normalizer",
          "pre_tokenizer",
          "post_processor",
          "decoder",
          "model");

  private TokenizerJsonReader() {}

  public static BpeTokenizer read(Path file) throws IOException {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (CharacterCodingException e) {
      throw new TokenizerFormatException(file + ": not UTF-8 text");
    }
    try {
      return parse(text);
    } catch (TokenizerFormatException e) {
      throw new TokenizerFormatException(file + ": " + e.getMessage());
    }
  }

  public static BpeTokenizer read(Reader in) throws IOException {
    StringWriter text = new StringWriter();
    in.transferTo(text);
    return parse(text.toString());
  }

  public static BpeTokenizer parse(String json) throws TokenizerFormatException {
    Object parsed;
    try {
      parsed = JsonText.parse(json);
    } catch (JsonSyntaxException e) {
      throw new TokenizerFormatException(e.getMessage());
    }
    Map<String, Object> root = object(parsed, "the tokenizer");
    for (String key : root.keySet()) {
      if (!TOP_LEVEL_KEYS.contains(key)) {
        throw new TokenizerFormatException("unknown top-level key \"" + key + "\"");
      }
    }
    String version = string(root.get("version"), "version");
    if (!version.equals("1.0")) {
      throw new TokenizerFormatException("unsupported version \"" + version + "\" (expected 1.0)");
    }
    requireNull(root, "truncation");
    requireNull(root, "padding");
    requireNull(root, "post_processor");
    boolean lowercase = normalizer(root.get("normalizer"));
    checkPreTokenizer(root.get("pre_tokenizer"));
    Map<String, Object> model = object(root.get("model"), "model");
    checkModelSettings(model);
    checkDecoder(root.get("decoder"));
    List<String> vocabulary = vocabulary(object(model.get("vocab"), "model.vocab"));
    List<Merge> merges = merges(model.get("merges"));
    List<String> specials = addedTokens(root.get("added_tokens"), vocabulary);
    try {
      return new BpeTokenizer(vocabulary, merges, specials, lowercase);
    } catch (IllegalArgumentException e) {
      throw new TokenizerFormatException("inconsistent tokenizer: " + e.getMessage());
    }
  }

  private static boolean normalizer(Object value) throws TokenizerFormatException {
    Map<String, Object> normalizer = object(value, "normalizer");
    String type = string(normalizer.get("type"), "normalizer.type");
    if (type.equals("NFC") && normalizer.size() == 1) {
      return false;
    }
    if (type.equals("Sequence") && normalizer.size() == 2) {
      List<Object> steps = list(normalizer.get("normalizers"), "normalizer.normalizers");
      List<String> types = new ArrayList<>();
      for (Object step : steps) {
        Map<String, Object> stepObject = object(step, "normalizer step");
        if (stepObject.size() != 1) {
          throw unsupported("normalizer", step);
        }
        types.add(string(stepObject.get("type"), "normalizer step type"));
      }
      if (types.equals(List.of("NFC"))) {
        return false;
      }
      if (types.equals(List.of("NFC", "Lowercase"))) {
        return true;
      }
    }
    throw unsupported("normalizer (expected NFC, optionally followed by Lowercase)", value);
  }

  private static void checkPreTokenizer(Object value) throws TokenizerFormatException {
    Map<String, Object> pre = object(value, "pre_tokenizer");
    boolean expected =
        pre.size() == 4
            && "Split".equals(pre.get("type"))
            && pre.get("pattern") instanceof Map<?, ?> pattern
            && pattern.size() == 1
            && TextPipeline.SPLIT_PATTERN.equals(pattern.get("Regex"))
            && "Removed".equals(pre.get("behavior"))
            && Boolean.TRUE.equals(pre.get("invert"));
    if (!expected) {
      throw unsupported("pre_tokenizer (expected the word and punctuation Split)", value);
    }
  }

  private static void checkDecoder(Object value) throws TokenizerFormatException {
    Map<String, Object> decoder = object(value, "decoder");
    if (decoder.size() != 2
        || !"BPEDecoder".equals(decoder.get("type"))
        || !BpeTokenizer.END_OF_WORD_SUFFIX.equals(decoder.get("suffix"))) {
      throw unsupported("decoder (expected BPEDecoder with suffix </w>)", value);
    }
  }

  private static void checkModelSettings(Map<String, Object> model)
      throws TokenizerFormatException {
    String type = string(model.get("type"), "model.type");
    if (!type.equals("BPE")) {
      throw new TokenizerFormatException("unsupported model type \"" + type + "\" (expected BPE)");
    }
    requireNull(model, "dropout");
    requireNull(model, "continuing_subword_prefix");
    if (!BpeTokenizer.UNKNOWN.equals(model.get("unk_token"))) {
      throw unsupported("model.unk_token (expected <unk>)", model.get("unk_token"));
    }
    if (!BpeTokenizer.END_OF_WORD_SUFFIX.equals(model.get("end_of_word_suffix"))) {
      throw unsupported(
          "model.end_of_word_suffix (expected </w>)", model.get("end_of_word_suffix"));
    }
    for (String flag : List.of("fuse_unk", "byte_fallback", "ignore_merges")) {
      Object setting = model.get(flag);
      if (setting != null && !Boolean.FALSE.equals(setting)) {
        throw unsupported("model." + flag + " (expected false)", setting);
      }
    }
    for (String key : model.keySet()) {
      if (!Set.of(
              "type",
              "dropout",
              "unk_token",
              "continuing_subword_prefix",
              "end_of_word_suffix",
              "fuse_unk",
              "byte_fallback",
              "ignore_merges",
              "vocab",
              "merges")
          .contains(key)) {
        throw new TokenizerFormatException("unknown key \"model." + key + "\"");
      }
    }
  }

  /** The tokens in id order; ids must be exactly 0 to size - 1. */
  private static List<String> vocabulary(Map<String, Object> vocab)
      throws TokenizerFormatException {
    String[] tokens = new String[vocab.size()];
    for (Map.Entry<String, Object> entry : vocab.entrySet()) {
      int id = integer(entry.getValue(), "the id of token \"" + entry.getKey() + "\"");
      if (id < 0 || id >= tokens.length) {
        throw new TokenizerFormatException(
            "token \"" + entry.getKey() + "\" has id " + id + " outside 0.." + (tokens.length - 1));
      }
      if (tokens[id] != null) {
        throw new TokenizerFormatException(
            "id " + id + " is given to both \"" + tokens[id] + "\" and \"" + entry.getKey() + "\"");
      }
      tokens[id] = entry.getKey();
    }
    return List.of(tokens);
  }

  private static List<Merge> merges(Object value) throws TokenizerFormatException {
    List<Object> entries = list(value, "model.merges");
    List<Merge> merges = new ArrayList<>(entries.size());
    for (int i = 0; i < entries.size(); i++) {
      Object entry = entries.get(i);
      String left;
      String right;
      if (entry instanceof String text) {
        int space = text.indexOf(' ');
        if (space <= 0 || space != text.lastIndexOf(' ') || space == text.length() - 1) {
          throw new TokenizerFormatException(
              "merge " + i + " \"" + text + "\" is not two tokens separated by one space");
        }
        left = text.substring(0, space);
        right = text.substring(space + 1);
      } else if (entry instanceof List<?> pair
          && pair.size() == 2
          && pair.get(0) instanceof String first
          && pair.get(1) instanceof String second
          && !first.isEmpty()
          && !second.isEmpty()) {
        left = first;
        right = second;
      } else {
        throw new TokenizerFormatException(
            "merge " + i + " is neither \"left right\" nor a pair of non-empty strings: " + entry);
      }
      merges.add(new Merge(left, right));
    }
    return merges;
  }

  private static List<String> addedTokens(Object value, List<String> vocabulary)
      throws TokenizerFormatException {
    List<String> specials = new ArrayList<>();
    for (Object entry : list(value, "added_tokens")) {
      Map<String, Object> token = object(entry, "added token");
      String content = string(token.get("content"), "added token content");
      int id = integer(token.get("id"), "the id of added token \"" + content + "\"");
      if (id < 0 || id >= vocabulary.size() || !vocabulary.get(id).equals(content)) {
        throw new TokenizerFormatException(
            "added token \""
                + content
                + "\" has id "
                + id
                + ", which the vocabulary disagrees with");
      }
      boolean expected =
          token.size() == 7
              && Boolean.TRUE.equals(token.get("special"))
              && Boolean.FALSE.equals(token.get("normalized"))
              && Boolean.FALSE.equals(token.get("single_word"))
              && Boolean.FALSE.equals(token.get("lstrip"))
              && Boolean.FALSE.equals(token.get("rstrip"));
      if (!expected) {
        throw unsupported(
            "added token \"" + content + "\" (expected special, not normalized, no stripping)",
            entry);
      }
      specials.add(content);
    }
    return specials;
  }

  private static void requireNull(Map<String, Object> map, String key)
      throws TokenizerFormatException {
    Object value = map.get(key);
    if (value != null && value != JsonText.NULL) {
      throw unsupported(key + " (expected null)", value);
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> object(Object value, String what)
      throws TokenizerFormatException {
    if (value instanceof Map<?, ?> map) {
      return (Map<String, Object>) map;
    }
    throw new TokenizerFormatException(what + " must be a JSON object" + found(value));
  }

  @SuppressWarnings("unchecked")
  private static List<Object> list(Object value, String what) throws TokenizerFormatException {
    if (value instanceof List<?> list) {
      return (List<Object>) list;
    }
    throw new TokenizerFormatException(what + " must be a JSON array" + found(value));
  }

  private static String string(Object value, String what) throws TokenizerFormatException {
    if (value instanceof String text) {
      return text;
    }
    throw new TokenizerFormatException(what + " must be a string" + found(value));
  }

  private static int integer(Object value, String what) throws TokenizerFormatException {
    if (value instanceof BigDecimal number) {
      try {
        return number.intValueExact();
      } catch (ArithmeticException e) {
        // Falls through to the error below: a fraction or a number beyond int.
      }
    }
    throw new TokenizerFormatException(what + " must be an integer" + found(value));
  }

  private static String found(Object value) {
    return value == null ? ", but it is missing" : ", found " + abbreviate(value);
  }

  private static TokenizerFormatException unsupported(String what, Object value) {
    return new TokenizerFormatException("unsupported " + what + ", found " + abbreviate(value));
  }

  private static String abbreviate(Object value) {
    String text = String.valueOf(value);
    return text.length() > 120 ? text.substring(0, 117) + "..." : text;
  }
}
