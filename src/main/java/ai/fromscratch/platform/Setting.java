package ai.fromscratch.platform;

import java.net.URI;
import java.util.Locale;
import java.util.Set;

/** Every setting the app reads, with its default, its meaning and the check its value must pass. */
public enum Setting {
  APP_ENV("development", "`development` or `production`", Kind.oneOf("development", "production")),
  PORT("9080", "HTTP port the server listens on", Kind.range(1, 65535)),
  DATA_DIR(
      "./data", "where everything is kept: database, uploads, models, index, backups", Kind.TEXT),
  DB_URL(
      "",
      "JDBC URL of the database; empty means embedded Derby in `DATA_DIR/db`;"
          + " `jdbc:postgresql://host:5432/db?user=u&password=p` for PostgreSQL",
      Kind.JDBC_URL),
  EMBED_MODEL_NAME(
      "sentence-transformers/all-MiniLM-L6-v2",
      "sentence-embedding model for retrieval; add `:fp32` for the full-precision model (more memory)",
      // Retrieval, which knows the models it ships, refuses an unknown one when the app starts.
      Kind.TEXT),
  RAG_TOP_K("8", "passages retrieved per question", Kind.range(1, 100)),
  MAX_CONTEXT_CHARS(
      "16000",
      "retrieved text an answer may copy from, per question, in characters",
      Kind.range(0, 1_000_000)),
  RAG_MIN_SIMILARITY(
      "0.35",
      "least cosine similarity of a passage to the question for it to count as a source",
      Kind.decimal(0, 1)),
  ANSWER_MIN_SIMILARITY(
      "0.44",
      "least similarity of the best source for the chat to answer; below it the answer is"
          + " `NO_ANSWER_TEXT` with the closest passages as suggestions",
      Kind.decimal(0, 1)),
  FOLLOW_UP_MIN_WORDS_HELD(
      "0.12",
      "least share of a follow-up's own words (weighted by rarity) its best source must hold for"
          + " the chat to answer; below it the answer is `NO_ANSWER_TEXT`",
      Kind.decimal(0, 1)),
  NO_ANSWER_TEXT(
      "I don't know: nothing in the data I have answers that.",
      "what the chat answers when nothing retrieved supports an answer",
      Kind.TEXT),
  RAG_CHUNK_CHARS(
      "800",
      "most characters of a chunk of a long text (cut along headings, paragraphs and sentences)",
      Kind.range(100, 20_000)),
  RAG_CHUNK_OVERLAP(
      "100",
      "most characters the pieces of a paragraph longer than a chunk share (whole sentences)",
      Kind.range(0, 10_000)),
  GROQ_API_KEY("", "enables synthetic data generation through Groq (never chat)", Kind.SECRET),
  GROQ_BASE_URL("https://api.groq.com", "Groq's API base URL", Kind.HTTP_URL),
  GROQ_MODEL("llama-3.3-70b-versatile", "the Groq model asked for synthetic pairs", Kind.TEXT),
  GROQ_TIMEOUT_SECONDS(
      "60", "how long one call to Groq may take before it counts as failed", Kind.range(1, 600)),
  GROQ_MAX_RETRIES(
      "3",
      "retries of a Groq call that failed in passing (5xx, timeout), with pauses doubling from 1 s",
      Kind.range(0, 10)),
  S3_BUCKET(
      "",
      "S3 bucket for backups (S3 backups run when bucket, key, secret and region are set)",
      Kind.OPTIONAL_TEXT),
  S3_KEY("", "S3 access key id", Kind.OPTIONAL_TEXT),
  S3_SECRET("", "S3 secret access key", Kind.SECRET),
  S3_REGION("", "S3 region, for example `eu-central-1`", Kind.OPTIONAL_TEXT),
  S3_ENDPOINT("", "an S3-compatible endpoint instead of AWS (optional)", Kind.OPTIONAL_HTTP_URL),
  BACKUP_SCHEDULE(
      "6h",
      "how often a backup runs: an interval such as `30m`, `6h`, `1d`, or `off`",
      Kind.INTERVAL_OR_OFF),
  BACKUP_KEEP("5", "how many backups are kept, locally and in S3", Kind.range(1, 1000)),
  MAX_UPLOAD_MB("256", "largest dataset file accepted, in megabytes", Kind.range(1, 100_000)),
  TRAINING_MEMORY_MB(
      "48",
      "heap a training job's estimation may take; a larger corpus spills sorted blocks to"
          + " `DATA_DIR/work` (as lmplz -S), giving the same model",
      Kind.range(8, 1_000_000)),
  MAX_RECORDS("2000000", "most records one dataset file may hold", Kind.range(1, 100_000_000)),
  MAX_RECORD_CHARS(
      "100000",
      "longest record accepted, in characters of JSON (a longer text document is cut into records)",
      Kind.range(100, 10_000_000)),
  ZIP_MAX_ENTRIES("1000", "most entries a ZIP upload may hold", Kind.range(1, 1_000_000)),
  ZIP_MAX_UNCOMPRESSED_MB(
      "1024", "most megabytes a ZIP upload may expand to, in all", Kind.range(1, 1_000_000)),
  ZIP_MAX_RATIO(
      "200",
      "largest expansion ratio of a ZIP entry (uncompressed / compressed): more is a zip bomb",
      Kind.range(2, 100_000)),
  ADMIN_PASSWORD(
      "",
      "the admin credential (user `admin`) for the Admin, Data and Analytics pages and APIs;"
          + " required in production",
      Kind.SECRET),
  RATE_LIMIT_CHAT_PER_MINUTE(
      "30",
      "answers one client may ask for per minute (chat, generate, perplexity), in bursts up to"
          + " that (0: no limit)",
      Kind.range(0, 1_000_000)),
  RATE_LIMIT_UPLOADS_PER_HOUR(
      "20", "dataset uploads one client may make per hour (0: no limit)", Kind.range(0, 1_000_000)),
  RATE_LIMIT_API_PER_MINUTE(
      "120",
      "other public API requests one client may make per minute: ratings, conversations and"
          + " their search (0: no limit)",
      Kind.range(0, 1_000_000)),
  TRUSTED_PROXY_HOPS(
      "0",
      "proxies in front of the server that append to X-Forwarded-For (1 on Render); the client is"
          + " the address the outermost of them saw",
      Kind.range(0, 10)),
  MAX_CONCURRENT_GENERATIONS(
      "4",
      "answers, generations and perplexities computed at once; more wait in a short queue",
      Kind.range(1, 256)),
  GENERATION_QUEUE(
      "8",
      "requests that may wait for a generation slot; past it they get 503 with Retry-After",
      Kind.range(0, 10_000)),
  SESSION_SECRET(
      "",
      "key that signs the visitor cookie (and the admin's sign-in); empty: a random key kept in"
          + " `DATA_DIR`",
      Kind.SECRET),
  INSTANCE_NAME(
      "",
      "this instance's name among several that share one database; empty: the host name and a"
          + " digest of `DATA_DIR`, the same after a restart",
      Kind.OPTIONAL_TEXT),
  JOB_LEASE_SECONDS(
      "60",
      "how long an instance's claim on a job lasts without renewal (it renews a third of the way);"
          + " another instance fails the job once it lapses",
      Kind.range(10, 3600)),
  RELEASE_POLL_SECONDS(
      "5",
      "with `DB_URL` set, how often an instance looks for a newer shared model and index",
      Kind.range(1, 300)),
  CHAT_HISTORY(
      "on",
      "`off` stores no conversation, answer or rating of anyone (analytics then has nothing to"
          + " show)",
      Kind.oneOf("on", "off")),
  CHAT_PRIVATE(
      "false",
      "`true` puts chat behind the admin credential too (only keepalive and health stay public)",
      Kind.oneOf("true", "false"));

  private final String defaultValue;
  private final String description;
  private final Kind kind;

  Setting(String defaultValue, String description, Kind kind) {
    this.defaultValue = defaultValue;
    this.description = description;
    this.kind = kind;
  }

  public String defaultValue() {
    return defaultValue;
  }

  public String description() {
    return description;
  }

  public boolean isSecret() {
    return kind == Kind.SECRET;
  }

  /**
   * Checks a raw value.
   *
   * @return null when the value is acceptable, otherwise why it is not
   */
  public String problemWith(String value) {
    return kind.problemWith(value);
  }

  /** The shape a setting's value must have. */
  interface Kind {
    Kind TEXT = value -> value.isBlank() ? "must not be empty" : null;
    Kind OPTIONAL_TEXT = value -> null;
    Kind SECRET = value -> null;
    Kind HTTP_URL = Kind::httpUrlProblem;
    Kind OPTIONAL_HTTP_URL = value -> value.isEmpty() ? null : httpUrlProblem(value);
    Kind JDBC_URL =
        value -> {
          if (value.isEmpty()
              || value.startsWith("jdbc:derby:")
              || value.startsWith("jdbc:postgresql:")) {
            return null;
          }
          if (value.startsWith("postgres://") || value.startsWith("postgresql://")) {
            return "is in the postgres:// form, which the Docker image's start script converts;"
                + " started otherwise, give it as jdbc:postgresql://host:5432/db?user=u&password=p";
          }
          return "must be empty (embedded Derby), a jdbc:derby: URL or a jdbc:postgresql: URL";
        };
    Kind INTERVAL_OR_OFF =
        value ->
            value.equalsIgnoreCase("off") || Interval.parse(value) != null
                ? null
                : "must be an interval such as 30m, 6h or 1d (at least 1m), or off";

    String problemWith(String value);

    static Kind oneOf(String... allowed) {
      Set<String> choices = Set.of(allowed);
      return value ->
          choices.contains(value.toLowerCase(Locale.ROOT))
              ? null
              : "must be one of " + String.join(", ", allowed);
    }

    static Kind decimal(double min, double max) {
      return value -> {
        try {
          double number = Double.parseDouble(value.trim());
          return number >= min && number <= max
              ? null
              : "must be a number from " + min + " to " + max;
        } catch (NumberFormatException e) {
          return "must be a number from " + min + " to " + max;
        }
      };
    }

    static Kind range(int min, int max) {
      return value -> {
        try {
          int number = Integer.parseInt(value.trim());
          return number < min || number > max
              ? "must be a whole number from " + min + " to " + max
              : null;
        } catch (NumberFormatException e) {
          return "must be a whole number from " + min + " to " + max;
        }
      };
    }

    private static String httpUrlProblem(String value) {
      try {
        URI uri = new URI(value);
        String scheme = uri.getScheme();
        return ("http".equals(scheme) || "https".equals(scheme)) && uri.getHost() != null
            ? null
            : "must be an http or https URL";
      } catch (Exception e) {
        return "must be an http or https URL";
      }
    }
  }
}
