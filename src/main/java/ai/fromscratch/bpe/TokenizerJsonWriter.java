package ai.fromscratch.bpe;

import ai.fromscratch.json.JsonText;
import java.io.IOException;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Writes a {@link BpeTokenizer} as a Hugging Face tokenizer.json (format "1.0", as tokenizers 0.21
 * reads it): the special tokens as {@code added_tokens}, the normalizer, pre-tokenizer, decoder and
 * BPE model described on {@link BpeTokenizer}, merges as {@code [left, right]} pairs. The file is
 * ASCII (other characters escaped) and is written to a temporary file and renamed, so a crash never
 * leaves a half-written tokenizer.
 */
public final class TokenizerJsonWriter {
  private TokenizerJsonWriter() {}

  public static void write(BpeTokenizer tokenizer, Path target) throws IOException {
    Path absolute = target.toAbsolutePath();
    Path directory = absolute.getParent();
    Path temporary = Files.createTempFile(directory, "." + absolute.getFileName(), ".tmp");
    try {
      Files.writeString(temporary, toJson(tokenizer), StandardCharsets.UTF_8);
      try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
        channel.force(true);
      }
      Files.move(
          temporary, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  public static void write(BpeTokenizer tokenizer, Writer out) throws IOException {
    out.write(toJson(tokenizer));
    out.flush();
  }

  public static String toJson(BpeTokenizer tokenizer) {
    StringBuilder out = new StringBuilder(64 + tokenizer.size() * 48);
    out.append("{\n");
    out.append("  \"version\": \"1.0\",\n");
    out.append("  \"truncation\": null,\n");
    out.append("  \"padding\": null,\n");
    out.append("  \"added_tokens\": [");
    List<String> specials = tokenizer.specialTokens();
    for (int i = 0; i < specials.size(); i++) {
      String token = specials.get(i);
      out.append(i == 0 ? "\n" : ",\n").append("    {\"id\": ").append(tokenizer.id(token));
      out.append(", \"content\": ");
      JsonText.quote(token, out);
      out.append(", \"single_word\": false, \"lstrip\": false, \"rstrip\": false,");
      out.append(" \"normalized\": false, \"special\": true}");
    }
    out.append("\n  ],\n");
    out.append("  \"normalizer\": ");
    if (tokenizer.lowercase()) {
      out.append("{\"type\": \"Sequence\", \"normalizers\": [{\"type\": \"NFC\"},");
      out.append(" {\"type\": \"Lowercase\"}]},\n");
    } else {
      out.append("{\"type\": \"NFC\"},\n");
    }
    out.append("  \"pre_tokenizer\": {\"type\": \"Split\", \"pattern\": {\"Regex\": ");
    JsonText.quote(TextPipeline.SPLIT_PATTERN, out);
    out.append("}, \"behavior\": \"Removed\", \"invert\": true},\n");
    out.append("  \"post_processor\": null,\n");
    out.append("  \"decoder\": {\"type\": \"BPEDecoder\", \"suffix\": ");
    JsonText.quote(BpeTokenizer.END_OF_WORD_SUFFIX, out);
    out.append("},\n");
    out.append("  \"model\": {\n");
    out.append("    \"type\": \"BPE\",\n");
    out.append("    \"dropout\": null,\n");
    out.append("    \"unk_token\": ");
    JsonText.quote(BpeTokenizer.UNKNOWN, out);
    out.append(",\n");
    out.append("    \"continuing_subword_prefix\": null,\n");
    out.append("    \"end_of_word_suffix\": ");
    JsonText.quote(BpeTokenizer.END_OF_WORD_SUFFIX, out);
    out.append(",\n");
    out.append("    \"fuse_unk\": false,\n");
    out.append("    \"byte_fallback\": false,\n");
    out.append("    \"ignore_merges\": false,\n");
    out.append("    \"vocab\": {");
    List<String> vocabulary = tokenizer.vocabulary();
    for (int id = 0; id < vocabulary.size(); id++) {
      out.append(id == 0 ? "\n      " : ",\n      ");
      JsonText.quote(vocabulary.get(id), out);
      out.append(": ").append(id);
    }
    out.append("\n    },\n");
    out.append("    \"merges\": [");
    List<Merge> merges = tokenizer.merges();
    for (int i = 0; i < merges.size(); i++) {
      out.append(i == 0 ? "\n      [" : ",\n      [");
      JsonText.quote(merges.get(i).left(), out);
      out.append(", ");
      JsonText.quote(merges.get(i).right(), out);
      out.append(']');
    }
    out.append(merges.isEmpty() ? "]\n" : "\n    ]\n");
    out.append("  }\n");
    out.append("}\n");
    return out.toString();
  }
}
