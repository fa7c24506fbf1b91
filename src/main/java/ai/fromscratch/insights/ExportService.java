package ai.fromscratch.insights;

import ai.fromscratch.chat.ChatStore;
import ai.fromscratch.chat.Conversation;
import ai.fromscratch.chat.Exchange;
import ai.fromscratch.chat.Rating;
import ai.fromscratch.dataset.DatasetJson;
import ai.fromscratch.dataset.DatasetService;
import ai.fromscratch.dataset.DatasetService.OriginalRecord;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import java.io.IOException;
import java.io.Writer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Exports conversations (with their ratings) and datasets, written as they are read a page at a
 * time, so an export of any size streams without being held in memory.
 */
@ApplicationScoped
public class ExportService {
  private static final int PAGE = 500;

  @Inject ChatStore chats;
  @Inject DatasetService datasets;

  /**
   * Writes the exchanges in {@code format}.
   *
   * @param rating only exchanges rated so (+1, -1), or 0 for all
   */
  public void exportConversations(ExportFormat format, int rating, Writer out) throws IOException {
    if (format == ExportFormat.OPENAI) {
      exportOpenAi(rating, out);
      return;
    }
    if (format == ExportFormat.CSV) {
      out.write(
          Csv.row(
              "exchange_id",
              "conversation_id",
              "conversation_title",
              "created_at",
              "question",
              "answer",
              "rating",
              "comment",
              "model",
              "latency_ms",
              "sources"));
    }
    Map<Long, String> titles = new HashMap<>();
    long after = 0;
    for (List<Exchange> page = chats.exchangesAfter(after, PAGE);
        !page.isEmpty();
        page = chats.exchangesAfter(after, PAGE)) {
      Map<Long, Rating> ratings = ratings(page);
      for (Exchange exchange : page) {
        Rating given = ratings.get(exchange.getId());
        if (rating == 0 || (given != null && given.getValue() == rating)) {
          String title = titles.computeIfAbsent(exchange.getConversationId(), this::title);
          out.write(line(format, exchange, given, title));
        }
      }
      after = page.get(page.size() - 1).getId();
      out.flush();
    }
  }

  private String line(ExportFormat format, Exchange exchange, Rating rating, String title) {
    return switch (format) {
      case JSONL -> {
        JsonObjectBuilder json =
            Json.createObjectBuilder()
                .add("exchange_id", exchange.getId())
                .add("conversation_id", exchange.getConversationId())
                .add("conversation_title", title)
                .add("created_at", exchange.getCreatedAt().toString())
                .add("question", exchange.getQuestion())
                .add("answer", exchange.getAnswer())
                .add("model", exchange.getModelId())
                .add("latency_ms", exchange.getLatencyMs())
                .add("sources", exchange.sourcesJson())
                .add("also_retrieved", exchange.alsoRetrievedJson())
                .add("attributions", exchange.attributionsJson())
                .add("options", exchange.optionsJson());
        if (rating != null) {
          json.add("rating", rating.getValue() > 0 ? "up" : "down");
          if (rating.getComment() != null) {
            json.add("comment", rating.getComment());
          }
        }
        yield json.build() + "\n";
      }
      case CSV ->
          Csv.row(
              String.valueOf(exchange.getId()),
              String.valueOf(exchange.getConversationId()),
              title,
              exchange.getCreatedAt().toString(),
              exchange.getQuestion(),
              exchange.getAnswer(),
              rating == null ? "" : rating.getValue() > 0 ? "up" : "down",
              rating == null || rating.getComment() == null ? "" : rating.getComment(),
              exchange.getModelId(),
              String.valueOf(exchange.getLatencyMs()),
              String.valueOf(exchange.sourcesJson().size()));
      case ALPACA ->
          Json.createObjectBuilder()
                  .add("instruction", exchange.getQuestion())
                  .add("input", "")
                  .add("output", exchange.getAnswer())
                  .build()
              + "\n";
      case OPENAI -> throw new IllegalStateException("conversations are exported whole");
    };
  }

  /** One conversation a line, as OpenAI's fine-tuning files take it. */
  private void exportOpenAi(int rating, Writer out) throws IOException {
    long after = 0;
    for (List<Conversation> page = chats.conversationsAfter(after, PAGE);
        !page.isEmpty();
        page = chats.conversationsAfter(after, PAGE)) {
      for (Conversation conversation : page) {
        List<Exchange> exchanges = chats.exchanges(conversation.getId());
        Map<Long, Rating> ratings = ratings(exchanges);
        JsonArrayBuilder messages = Json.createArrayBuilder();
        int kept = 0;
        for (Exchange exchange : exchanges) {
          Rating given = ratings.get(exchange.getId());
          if (rating == 0 || (given != null && given.getValue() == rating)) {
            messages.add(
                Json.createObjectBuilder()
                    .add("role", "user")
                    .add("content", exchange.getQuestion()));
            messages.add(
                Json.createObjectBuilder()
                    .add("role", "assistant")
                    .add("content", exchange.getAnswer()));
            kept++;
          }
        }
        if (kept > 0) {
          out.write(Json.createObjectBuilder().add("messages", messages).build() + "\n");
        }
      }
      after = page.get(page.size() - 1).getId();
      out.flush();
    }
  }

  /** The datasets an export covers: those named (404 for an unknown one), or all of them. */
  public List<Long> datasetsToExport(List<Long> ids) {
    if (ids.isEmpty()) {
      return datasets.list().stream().map(DatasetJson::id).sorted().toList();
    }
    ids.forEach(datasets::get);
    return ids;
  }

  /** Every record of the datasets, as written in their files, one a line. */
  public void exportDatasets(List<Long> ids, Writer out) throws IOException {
    for (long id : ids) {
      long after = 0;
      for (List<OriginalRecord> page = datasets.originalsAfter(id, after, PAGE);
          !page.isEmpty();
          page = datasets.originalsAfter(id, after, PAGE)) {
        for (OriginalRecord record : page) {
          out.write(record.original());
          out.write('\n');
        }
        after = page.get(page.size() - 1).ordinal();
        out.flush();
      }
    }
  }

  private Map<Long, Rating> ratings(List<Exchange> exchanges) {
    return chats.ratingsOf(exchanges.stream().map(Exchange::getId).toList()).stream()
        .collect(Collectors.toMap(Rating::getExchangeId, Function.identity()));
  }

  private String title(long conversationId) {
    return chats.conversation(conversationId).map(Conversation::getTitle).orElse("");
  }
}
