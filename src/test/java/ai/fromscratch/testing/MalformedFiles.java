package ai.fromscratch.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Generated hostile dataset files for fuzzing the upload path: the test datasets (good and bad)
 * damaged by random byte edits, truncation, structural tokens in the wrong places, values of the
 * wrong type, deep nesting, huge numbers, broken encodings, and ZIP archives holding such files or
 * built wrongly. The same seed gives the same files.
 */
public final class MalformedFiles {
  /** A generated file: a name (its extension may lie) and its bytes. */
  public record Sample(String name, byte[] content) {
    @Override
    public String toString() {
      return name + " (" + content.length + " bytes)";
    }
  }

  private static final Path DATASETS = Path.of("src/test/resources/datasets");
  private static final String[] TOKENS = {
    "{",
    "}",
    "[",
    "]",
    "\"",
    ",",
    ":",
    "\\",
    "\n",
    "\r\n",
    "\u0000",
    "null",
    "\\u",
    "\\ud800",
    "\"\\",
    "{\"messages\": ",
    "{\"text\": ",
    "1e999999999",
    "-0",
    "12345678901234567890123"
  };
  private static final String[] WRONG_VALUES = {
    "5",
    "null",
    "[]",
    "{}",
    "true",
    "\"\"",
    "\"\\ud800\"",
    "[{\"role\": 7}]",
    "{\"text\": {}}",
    "-1e400",
    "\"" + "x".repeat(5000) + "\""
  };
  private static final byte[][] RAW = {
    {(byte) 0xFF},
    {(byte) 0xC3},
    {(byte) 0xE2, (byte) 0x82},
    {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
    {0},
    {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
    {'P', 'K', 3, 4}
  };

  private final Random random;
  private final List<byte[]> seeds;
  private final List<BiFunction<Random, byte[], byte[]>> mutations =
      List.of(
          MalformedFiles::flipBytes,
          MalformedFiles::truncate,
          MalformedFiles::insertToken,
          MalformedFiles::insertRaw,
          MalformedFiles::deleteRange,
          MalformedFiles::duplicateRange,
          MalformedFiles::wrongValue);

  private MalformedFiles(long seed) {
    random = new Random(seed);
    seeds = seedFiles();
  }

  /** {@code count} hostile files generated from {@code seed}. */
  public static List<Sample> generate(int count, long seed) {
    MalformedFiles generator = new MalformedFiles(seed);
    List<Sample> samples = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      samples.add(generator.next(i));
    }
    return samples;
  }

  private Sample next(int i) {
    String[] names = {
      "data.jsonl", "data.json", "data.zip", "data.txt", "data", "../../data.jsonl"
    };
    String name = i + "-" + names[random.nextInt(names.length)];
    return switch (random.nextInt(12)) {
      case 0 -> new Sample(name, zip(mutated(), random.nextInt(4)));
      case 1 -> new Sample(name, deepNesting());
      case 2 -> new Sample(name, reEncoded(mutated()));
      default -> new Sample(name, mutated());
    };
  }

  private byte[] mutated() {
    byte[] content = seeds.get(random.nextInt(seeds.size()));
    int edits = 1 + random.nextInt(3);
    for (int i = 0; i < edits; i++) {
      content = mutations.get(random.nextInt(mutations.size())).apply(random, content);
    }
    return content;
  }

  private static byte[] flipBytes(Random random, byte[] content) {
    byte[] copy = content.clone();
    for (int i = 0; i < 1 + random.nextInt(8) && copy.length > 0; i++) {
      copy[random.nextInt(copy.length)] = (byte) random.nextInt(256);
    }
    return copy;
  }

  private static byte[] truncate(Random random, byte[] content) {
    return slice(content, 0, content.length == 0 ? 0 : random.nextInt(content.length));
  }

  private static byte[] insertToken(Random random, byte[] content) {
    return insert(
        random, content, TOKENS[random.nextInt(TOKENS.length)].getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] insertRaw(Random random, byte[] content) {
    return insert(random, content, RAW[random.nextInt(RAW.length)]);
  }

  private static byte[] deleteRange(Random random, byte[] content) {
    if (content.length < 2) {
      return content;
    }
    int from = random.nextInt(content.length - 1);
    int to = from + 1 + random.nextInt(Math.min(64, content.length - from - 1) + 1);
    return concat(
        slice(content, 0, from), slice(content, Math.min(to, content.length), content.length));
  }

  private static byte[] duplicateRange(Random random, byte[] content) {
    if (content.length < 2) {
      return content;
    }
    int from = random.nextInt(content.length - 1);
    int to = Math.min(content.length, from + 1 + random.nextInt(200));
    return insert(random, content, slice(content, from, to));
  }

  /** Puts a value of the wrong type where a string value was. */
  private static byte[] wrongValue(Random random, byte[] content) {
    String text = new String(content, StandardCharsets.UTF_8);
    List<int[]> strings = new ArrayList<>();
    Matcher matcher = Pattern.compile(":\\s*(\"(?:[^\"\\\\]++|\\\\.)*+\")").matcher(text);
    while (matcher.find()) {
      strings.add(new int[] {matcher.start(1), matcher.end(1)});
    }
    if (strings.isEmpty()) {
      return content;
    }
    int[] at = strings.get(random.nextInt(strings.size()));
    return (text.substring(0, at[0])
            + WRONG_VALUES[random.nextInt(WRONG_VALUES.length)]
            + text.substring(at[1]))
        .getBytes(StandardCharsets.UTF_8);
  }

  private byte[] deepNesting() {
    int depth = 1000 + random.nextInt(100_000);
    String open = random.nextBoolean() ? "[" : "{\"data\": [";
    String close = open.equals("[") ? "]" : "]}";
    return (open.repeat(depth) + (random.nextBoolean() ? close.repeat(depth) : ""))
        .getBytes(StandardCharsets.UTF_8);
  }

  private byte[] reEncoded(byte[] content) {
    String text = new String(content, StandardCharsets.UTF_8);
    return switch (random.nextInt(3)) {
      case 0 -> text.getBytes(StandardCharsets.UTF_16);
      case 1 -> text.getBytes(StandardCharsets.ISO_8859_1);
      default -> gzip(content);
    };
  }

  /** A ZIP of damaged files, or a damaged ZIP: its kind chosen by {@code kind}. */
  private byte[] zip(byte[] entry, int kind) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      String[] names = {"a.jsonl", "dir/b.json", "../escape.jsonl", "/abs.jsonl", "c.zip", "d.gz"};
      int entries = kind == 3 ? 0 : 1 + random.nextInt(4);
      for (int i = 0; i < entries; i++) {
        zip.putNextEntry(new ZipEntry(i + "-" + names[random.nextInt(names.length)]));
        zip.write(i == 0 ? entry : mutated());
        zip.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    byte[] archive = bytes.toByteArray();
    return kind == 1 ? flipBytes(random, archive) : kind == 2 ? truncate(random, archive) : archive;
  }

  private static byte[] gzip(byte[] content) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
      out.write(content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private static List<byte[]> seedFiles() {
    try (Stream<Path> files = Files.walk(DATASETS)) {
      List<byte[]> seeds = new ArrayList<>();
      for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
        if (Files.size(file) < 100_000) {
          seeds.add(Files.readAllBytes(file));
        }
      }
      return seeds;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] insert(Random random, byte[] content, byte[] piece) {
    int at = content.length == 0 ? 0 : random.nextInt(content.length + 1);
    return concat(concat(slice(content, 0, at), piece), slice(content, at, content.length));
  }

  private static byte[] slice(byte[] content, int from, int to) {
    return Arrays.copyOfRange(content, from, to);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] joined = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, joined, a.length, b.length);
    return joined;
  }
}
