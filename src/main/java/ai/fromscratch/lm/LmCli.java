package ai.fromscratch.lm;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Command-line access to the language model: estimate, score (printing KenLM query's summary) and
 * generate. Set {@code -Dlm.reportMemory=true} to print the process's peak RSS on exit.
 */
public final class LmCli {
  static final String USAGE =
      String.join(
          "\n",
          "usage: java -cp target/classes ai.fromscratch.lm.LmCli COMMAND [options]",
          "  estimate --order N --text FILE [--pretokenized] [--lowercase] [--prune 0,1,1]",
          "           [--discount-fallback] [--memory SIZE [--temp DIR]] --out MODEL [--arpa FILE]",
          "  score    (--model MODEL | --arpa FILE) --text FILE [--pretokenized] [--lowercase]",
          "           [--sentences]",
          "  generate (--model MODEL | --arpa FILE) --prompt TEXT [--max-tokens N]",
          "           [--temperature T] [--top-k K] [--top-p P] [--seed S] [--stop STRING]...",
          "           [--stop-token TOKEN]... [--lowercase]",
          "TEXT files hold one sentence a line and may be gzipped; --pretokenized splits lines on",
          "spaces instead of tokenizing them. An ARPA FILE ending in .gz is gzipped.",
          "--memory estimates within that much heap, as lmplz -S does (512M, 2G, or a percentage",
          "of the JVM's heap such as 80%), spilling sorted blocks to --temp (default: the MODEL's",
          "directory); the model is the same bit for bit. Without it the estimation is in memory.");
  private static final String LOWERCASE_KEY = "tokenizer.lowercase";

  private final PrintStream out;
  private final PrintStream err;

  private LmCli(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  public static void main(String[] args) {
    int status = run(args, System.out, System.err);
    if (Boolean.getBoolean("lm.reportMemory")) {
      System.err.println("peak RSS: " + peakResidentKilobytes() + " kB");
    }
    System.exit(status);
  }

  /** Runs one command; returns the exit status (0 ok, 1 failure, 2 wrong arguments). */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    LmCli cli = new LmCli(out, err);
    try {
      if (args.length == 0) {
        throw new CliArguments.UsageException("missing command");
      }
      switch (args[0]) {
        case "estimate":
          cli.estimate(args);
          break;
        case "score":
          cli.score(args);
          break;
        case "generate":
          cli.generate(args);
          break;
        default:
          throw new CliArguments.UsageException("unknown command " + args[0]);
      }
      out.flush();
      return 0;
    } catch (CliArguments.UsageException | IllegalArgumentException e) {
      err.println("error: " + e.getMessage());
      err.println(USAGE);
      return 2;
    } catch (IOException | RuntimeException e) {
      err.println("error: " + e.getMessage());
      return 1;
    }
  }

  private void estimate(String[] args) throws CliArguments.UsageException, IOException {
    CliArguments a =
        CliArguments.parse(
            args,
            1,
            Set.of("--order", "--text", "--out", "--arpa", "--prune", "--memory", "--temp"),
            Set.of("--pretokenized", "--lowercase", "--discount-fallback"));
    EstimationOptions options =
        new EstimationOptions(
            a.intValue("--order", -1), a.flag("--discount-fallback"), thresholds(a));
    Path text = Path.of(a.required("--text"));
    Path modelPath = Path.of(a.required("--out"));
    long start = System.nanoTime();
    Path work = null;
    NgramEstimator estimator = new KneserNeyEstimator(options);
    if (a.has("--memory")) {
      if (!options.pruneThresholds().isEmpty()) {
        throw new CliArguments.UsageException("--prune needs the in-memory estimator: no --memory");
      }
      Path temp = Path.of(a.optional("--temp", modelPath.toAbsolutePath().getParent().toString()));
      work = Files.createTempDirectory(Files.createDirectories(temp), "lm-estimate-");
      estimator = new SpillingEstimator(options, memory(a), work);
    }
    EstimationResult result =
        a.flag("--pretokenized")
            ? estimator.estimatePretokenized(text, ProgressListener.NONE)
            : estimator.estimate(
                TextFiles.sentences(text, tokenizer(a.flag("--lowercase"))), ProgressListener.NONE);
    try {
      save(a, text, modelPath, options, result);
    } finally {
      if (work != null) {
        WorkFiles.deleteTree(work);
      }
    }
    out.printf("wrote %s in %.2f s%n", modelPath, (System.nanoTime() - start) / 1e9);
  }

  /** The --memory budget in bytes: a size with a suffix K, M or G, or a percentage of the heap. */
  static long memory(CliArguments a) throws CliArguments.UsageException {
    String value = a.required("--memory").trim().toUpperCase(Locale.ROOT);
    try {
      if (value.endsWith("%")) {
        double percent = Double.parseDouble(value.substring(0, value.length() - 1));
        if (percent <= 0 || percent > 100) {
          throw new CliArguments.UsageException("--memory: a percentage from 1 to 100");
        }
        return (long) (Runtime.getRuntime().maxMemory() * percent / 100);
      }
      int shift =
          switch (value.charAt(value.length() - 1)) {
            case 'K' -> 10;
            case 'G' -> 30;
            default -> 20;
          };
      String number =
          Character.isDigit(value.charAt(value.length() - 1))
              ? value
              : value.substring(0, value.length() - 1);
      long bytes = Long.parseLong(number) << shift;
      if (bytes <= 0) {
        throw new CliArguments.UsageException("--memory must be positive");
      }
      return bytes;
    } catch (NumberFormatException e) {
      throw new CliArguments.UsageException("--memory: not a size: " + value);
    }
  }

  private void save(
      CliArguments a, Path text, Path modelPath, EstimationOptions options, EstimationResult result)
      throws IOException, CliArguments.UsageException {
    Map<String, String> metadata = new LinkedHashMap<>();
    metadata.put("created", Instant.now().toString());
    metadata.put("source", text.getFileName().toString());
    metadata.put("order", Integer.toString(options.order()));
    metadata.put("sentences", Long.toString(result.sentences()));
    metadata.put("tokens", Long.toString(result.tokens()));
    metadata.put(LOWERCASE_KEY, Boolean.toString(a.flag("--lowercase")));
    ModelFile.save(modelPath, result.model(), metadata);
    if (a.has("--arpa")) {
      ArpaWriter.write(result.model(), Path.of(a.required("--arpa")));
    }
    NgramModel model = result.model();
    out.printf(
        "%d sentences, %d tokens, %d words in the vocabulary%n",
        result.sentences(), result.tokens(), model.vocabulary().size());
    for (int order = 1; order <= model.order(); order++) {
      Discounts d = result.discounts().get(order - 1);
      out.printf(
          "order %d: %d n-grams, discounts %s / %s / %s%n",
          order, model.ngramCount(order), (float) d.d1(), (float) d.d2(), (float) d.d3Plus());
    }
  }

  private void score(String[] args) throws CliArguments.UsageException, IOException {
    CliArguments a =
        CliArguments.parse(
            args,
            1,
            Set.of("--model", "--arpa", "--text"),
            Set.of("--pretokenized", "--lowercase", "--sentences"));
    StoredModel stored = load(a);
    Path text = Path.of(a.required("--text"));
    Function<String, String[]> split =
        a.flag("--pretokenized") ? TextFiles::splitOnSpaces : tokenizer(lowercase(a, stored));
    TextScorer scorer = new TextScorer(stored.model());
    PerplexityReport.Accumulator total = new PerplexityReport.Accumulator();
    for (String[] sentence : TextFiles.sentences(text, split)) {
      SentenceScore score = scorer.score(sentence);
      total.add(score);
      if (a.flag("--sentences")) {
        out.println("Total: " + (float) score.log10Probability() + " OOV: " + score.oovs());
      }
    }
    out.print(total.report().format());
  }

  private void generate(String[] args) throws CliArguments.UsageException, IOException {
    CliArguments a =
        CliArguments.parse(
            args,
            1,
            Set.of(
                "--model",
                "--arpa",
                "--prompt",
                "--max-tokens",
                "--temperature",
                "--top-k",
                "--top-p",
                "--seed",
                "--stop",
                "--stop-token"),
            Set.of("--lowercase"));
    String prompt = a.required("--prompt");
    SamplingOptions options =
        new SamplingOptions(
            a.intValue("--max-tokens", SamplingOptions.DEFAULTS.maxTokens()),
            a.doubleValue("--temperature", 1.0),
            a.intValue("--top-k", 0),
            a.doubleValue("--top-p", 1.0),
            a.has("--seed") ? Long.valueOf(a.longValue("--seed", 0)) : null,
            a.all("--stop"),
            new HashSet<>(a.all("--stop-token")),
            Set.of());
    StoredModel stored = load(a);
    TextGenerator generator =
        new TextGenerator(stored.model(), new WordTokenizer(lowercase(a, stored)));
    generator.generate(
        prompt,
        options,
        (token, piece) -> {
          out.print(piece);
          out.flush();
          return true;
        });
    out.println();
  }

  private static StoredModel load(CliArguments a) throws CliArguments.UsageException, IOException {
    String source = a.oneOf("--model", "--arpa");
    Path path = Path.of(a.required(source));
    if (!Files.exists(path)) {
      throw new IOException("no such file: " + path);
    }
    return source.equals("--model")
        ? ModelFile.load(path)
        : new StoredModel(ArpaReader.read(path), Map.of());
  }

  private static boolean lowercase(CliArguments a, StoredModel stored) {
    return a.flag("--lowercase") || "true".equals(stored.metadata().get(LOWERCASE_KEY));
  }

  private static Function<String, String[]> tokenizer(boolean lowercase) {
    WordTokenizer tokenizer = new WordTokenizer(lowercase);
    return tokenizer::tokenizeToArray;
  }

  private static List<Integer> thresholds(CliArguments a) throws CliArguments.UsageException {
    List<Integer> thresholds = new ArrayList<>();
    if (a.has("--prune")) {
      for (String part : a.required("--prune").split(",")) {
        try {
          thresholds.add(Integer.parseInt(part.trim()));
        } catch (NumberFormatException e) {
          throw new CliArguments.UsageException("--prune needs comma-separated whole numbers");
        }
      }
    }
    return thresholds;
  }

  /** The process's peak resident set size (VmHWM), or -1 where /proc is not available. */
  static long peakResidentKilobytes() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException | NumberFormatException e) {
      return -1;
    }
    return -1;
  }
}
