package ai.fromscratch.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.fromscratch.platform.Setting;
import ai.fromscratch.testing.Api;
import ai.fromscratch.testing.Deployments;
import ai.fromscratch.testing.Http;
import ai.fromscratch.testing.TestData;
import ai.fromscratch.testing.Uploads;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The chat API end to end on a model trained here: answers with sources and timings, the stream,
 * conversations, ratings, analytics and exports, and the bad requests around them.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ChatApiIT {

  private static boolean trained;

  @ArquillianResource URL base;

  @Deployment(testable = false)
  static WebArchive app() {
    return Deployments.app();
  }

  private Api api;

  @BeforeEach
  void modelTrainedOnTheHelpDesk() {
    api = new Api(base.toString());
    if (!trained) {
      long dataset =
          api.upload(
              Uploads.file(
                  "help-desk-" + System.nanoTime() + ".jsonl",
                  TestData.unique(TestData.HELP_DESK + TestData.SECOND_PRODUCT)));
      JsonObject job =
          api.awaitJob(
              api.startTraining(
                  "{\"kind\": \"ngram\", \"order\": 3, \"datasets\": [" + dataset + "]}"),
              Duration.ofMinutes(4));
      assertEquals("completed", job.getString("state"), job.toString());
      trained = true;
    }
  }

  private JsonObject chat(String body) {
    Http.Reply reply = Http.postJson(api.url("/api/chat"), body);
    assertEquals(200, reply.status(), reply.body());
    return reply.json();
  }

  private JsonObject conversation(long id) {
    return Http.get(api.url("/api/conversations/" + id)).json();
  }

  @Test
  void anAnswerComesFromTheDataWithItsSourcesAndIsKeptWithAllThatShapedIt() {
    JsonObject answer =
        chat("{\"message\": \"How long is the warranty of the Zephyr kettle?\", \"seed\": 7}");

    assertTrue(answer.getString("answer").contains("three years"), answer.toString());
    JsonArray sources = answer.getJsonArray("sources");
    assertTrue(sources.getJsonObject(0).getString("text").contains("warranty"), answer.toString());
    assertTrue(answer.getJsonNumber("latency_ms").doubleValue() > 0);
    assertTrue(answer.getJsonNumber("retrieval_ms").doubleValue() > 0);
    String model = Http.get(api.url("/api/model")).json().getString("id");
    assertEquals(model, answer.getString("model"));

    long id = answer.getJsonNumber("conversation_id").longValue();
    JsonObject next =
        chat(
            "{\"conversation_id\": "
                + id
                + ", \"message\": \"where do I find my invoice\", \"temperature\": 0.2,"
                + " \"top_k\": 5, \"max_tokens\": 30, \"use_rag\": false}");
    assertEquals(id, next.getJsonNumber("conversation_id").longValue());
    assertEquals(0, next.getJsonArray("sources").size());

    JsonObject stored = conversation(id);
    assertEquals("How long is the warranty of the Zephyr kettle?", stored.getString("title"));
    JsonArray exchanges = stored.getJsonArray("exchanges");
    assertEquals(2, exchanges.size());
    JsonObject first = exchanges.getJsonObject(0);
    assertEquals(answer.getString("answer"), first.getString("answer"));
    assertEquals(sources.size(), first.getJsonArray("sources").size());
    assertEquals(model, first.getString("model"));
    assertTrue(first.getJsonNumber("latency_ms").doubleValue() > 0);
    JsonObject options = exchanges.getJsonObject(1).getJsonObject("options");
    assertEquals(0.2, options.getJsonNumber("temperature").doubleValue(), 1e-9);
    assertEquals(5, options.getInt("top_k"));
    assertEquals(30, options.getInt("max_tokens"));
    assertFalse(options.getBoolean("use_rag"));
  }

  @Test
  void aFollowUpIsAnsweredFromWhatTheConversationIsAbout() {
    JsonObject kettle =
        chat("{\"message\": \"What does the blue light on the Zephyr kettle mean?\"}");
    JsonObject toaster = chat("{\"message\": \"What colours does the Nimbus toaster come in?\"}");
    String followUp = ", \"message\": \"and how long is its warranty?\"}";

    JsonObject kettleWarranty = chat("{\"conversation_id\": " + conversationOf(kettle) + followUp);
    JsonObject toasterWarranty =
        chat("{\"conversation_id\": " + conversationOf(toaster) + followUp);

    assertTrue(
        kettleWarranty.getString("answer").contains("three years"), kettleWarranty.toString());
    assertTrue(firstSource(kettleWarranty).contains("Zephyr kettle"), kettleWarranty.toString());
    assertTrue(
        toasterWarranty.getString("answer").contains("two years"), toasterWarranty.toString());
    assertTrue(firstSource(toasterWarranty).contains("Nimbus toaster"), toasterWarranty.toString());
  }

  @Test
  void eachCopiedStretchNamesTheSourceAndTheCharactersItCameFrom() {
    JsonObject answer = chat("{\"message\": \"How long is the warranty of the Zephyr kettle?\"}");

    String text = answer.getString("answer");
    JsonArray sources = answer.getJsonArray("sources");
    JsonArray attributions = answer.getJsonArray("attributions");
    assertFalse(attributions.isEmpty(), answer.toString());
    Set<Integer> used = new HashSet<>();
    int end = 0;
    for (JsonObject stretch : attributions.getValuesAs(JsonObject.class)) {
      JsonObject source = sources.getJsonObject(stretch.getInt("source"));
      String copiedFrom = source.getString(stretch.getString("field"));
      assertTrue(stretch.getInt("start") >= end, "stretches in order: " + attributions);
      end = stretch.getInt("end");
      assertEquals(
          copiedFrom.substring(stretch.getInt("source_start"), stretch.getInt("source_end")),
          text.substring(stretch.getInt("start"), stretch.getInt("end")),
          stretch.toString());
      used.add(stretch.getInt("source"));
    }
    assertEquals(sources.size(), used.size(), "the sources listed are the ones used: " + answer);
    Set<String> listed = sourceIds(sources);
    listed.retainAll(sourceIds(answer.getJsonArray("also_retrieved")));
    assertEquals(Set.of(), listed, "a source used is not also listed apart");

    JsonObject kept =
        conversation(conversationOf(answer)).getJsonArray("exchanges").getJsonObject(0);
    assertEquals(attributions, kept.getJsonArray("attributions"));
    assertEquals(answer.getJsonArray("also_retrieved"), kept.getJsonArray("also_retrieved"));
    JsonObject exported =
        lineFor(
            Http.get(api.url("/api/admin/exports/conversations?format=jsonl")).body(),
            "exchange_id",
            answer.getJsonNumber("exchange_id").longValue());
    assertEquals(attributions, exported.getJsonArray("attributions"));
  }

  @Test
  void anAnswerFromAnUploadedMarkdownFileIsTheSectionThatAnswersItFromItsFirstWordToItsLast() {
    long manual =
        api.upload(Uploads.file("lamp-manual-" + System.nanoTime() + ".md", TestData.LAMP_MANUAL));
    try {
      api.index(manual);

      JsonObject answer = chat("{\"message\": \"How long does the Aurora lamp take to charge?\"}");

      assertEquals(TestData.LAMP_CHARGING, answer.getString("answer"), answer.toString());
      assertEquals(
          "Charging the lamp",
          answer.getJsonArray("sources").getJsonObject(0).getString("heading"),
          "the source names its section");
    } finally {
      api.deleteDataset(manual);
    }
  }

  @Test
  void aFollowUpTheDataDoesNotAnswerGetsIDontKnowThoughItsTopicIsCovered() {
    JsonObject kettle =
        chat("{\"message\": \"What does the blue light on the Zephyr kettle mean?\"}");

    JsonObject alexa =
        chat(
            "{\"conversation_id\": "
                + conversationOf(kettle)
                + ", \"message\": \"and how do I pair it with Alexa?\"}");

    assertEquals("no_answer", alexa.getString("stop_reason"), alexa.toString());
    assertEquals(Setting.NO_ANSWER_TEXT.defaultValue(), alexa.getString("answer"));
    assertTrue(
        alexa.getJsonArray("also_retrieved").toString().contains("Zephyr kettle"),
        "the closest passages are offered: " + alexa);
  }

  @Test
  void aQuestionTheDataDoesNotAnswerGetsIDontKnowUnlessRetrievalIsOff() {
    JsonObject answer = chat("{\"message\": \"Who painted the Mona Lisa?\"}");

    assertEquals(Setting.NO_ANSWER_TEXT.defaultValue(), answer.getString("answer"));
    assertEquals("no_answer", answer.getString("stop_reason"));
    assertEquals(0, answer.getJsonArray("sources").size());
    assertEquals(0, answer.getJsonArray("attributions").size());
    assertEquals(
        "no_answer",
        conversation(conversationOf(answer))
            .getJsonArray("exchanges")
            .getJsonObject(0)
            .getString("stop_reason"));

    JsonObject free =
        chat("{\"message\": \"Who painted the Mona Lisa?\", \"use_rag\": false, \"seed\": 3}");
    assertFalse(free.getString("stop_reason").equals("no_answer"), free.toString());
    assertFalse(free.getString("answer").equals(Setting.NO_ANSWER_TEXT.defaultValue()));
  }

  @Test
  void regeneratingOrEditingKeepsAnotherVersionOfTheTurn() {
    JsonObject first =
        chat("{\"message\": \"What does the blue light on the Zephyr kettle mean?\"}");
    long exchange = first.getJsonNumber("exchange_id").longValue();
    long conversation = conversationOf(first);

    Http.Reply regenerated =
        Http.postJson(api.url("/api/chat/exchanges/" + exchange + "/regenerate"), "{\"seed\": 11}");
    assertEquals(200, regenerated.status(), regenerated.body());
    JsonObject again = regenerated.json();
    JsonObject edited =
        chat(
            "{\"alternative_of\": "
                + again.getJsonNumber("exchange_id")
                + ", \"message\": \"How long is the warranty of the Zephyr kettle?\"}");
    Http.Reply withoutBody =
        Http.post(
            api.url("/api/chat/exchanges/" + exchange + "/regenerate"), "application/json", "");

    assertEquals(exchange, again.getJsonNumber("alternative_of").longValue());
    assertEquals(conversation, again.getJsonNumber("conversation_id").longValue());
    assertEquals(0.7, storedOptions(conversation, 1).getJsonNumber("temperature").doubleValue());
    assertEquals(exchange, edited.getJsonNumber("alternative_of").longValue(), "one turn");
    assertEquals(conversation, edited.getJsonNumber("conversation_id").longValue());
    assertTrue(edited.getString("answer").contains("three years"), edited.toString());
    assertEquals(200, withoutBody.status(), withoutBody.body());
    JsonArray exchanges = conversation(conversation).getJsonArray("exchanges");
    assertEquals(4, exchanges.size());
    assertFalse(exchanges.getJsonObject(0).containsKey("alternative_of"), "the turn's first");
    for (int i = 1; i < 4; i++) {
      assertEquals(
          exchange, exchanges.getJsonObject(i).getJsonNumber("alternative_of").longValue());
    }
    assertEquals(
        "How long is the warranty of the Zephyr kettle?",
        exchanges.getJsonObject(2).getString("question"));
  }

  @Test
  void regeneratingSomeoneElsesOrAMissingAnswerIsNotFoundAndBadOptionsAreRefused() {
    JsonObject mine = chat("{\"message\": \"Where do I find my invoice?\"}");
    JsonObject other = chat("{\"message\": \"How do I reset my router?\"}");
    long exchange = mine.getJsonNumber("exchange_id").longValue();
    String regenerate = api.url("/api/chat/exchanges/" + exchange + "/regenerate");

    assertEquals(
        404, new Http.Visitor().postJson(regenerate, "{}").status(), "another visitor's answer");
    assertEquals(
        404, Http.postJson(api.url("/api/chat/exchanges/987654321/regenerate"), "{}").status());
    assertEquals(400, Http.postJson(regenerate, "{\"temperature\": 9}").status());
    assertEquals(400, Http.postJson(regenerate, "{\"message\": \"no\"}").status());
    assertEquals(
        400,
        Http.postJson(
                api.url("/api/chat"),
                "{\"alternative_of\": "
                    + exchange
                    + ", \"conversation_id\": "
                    + conversationOf(other)
                    + ", \"message\": \"hi\"}")
            .status(),
        "an answer of another conversation");
    assertEquals(1, conversation(conversationOf(mine)).getJsonArray("exchanges").size());
  }

  private static long conversationOf(JsonObject answer) {
    return answer.getJsonNumber("conversation_id").longValue();
  }

  private static String firstSource(JsonObject answer) {
    return answer.getJsonArray("sources").getJsonObject(0).getString("text");
  }

  private static Set<String> sourceIds(JsonArray sources) {
    return sources.getValuesAs(JsonObject.class).stream()
        .map(source -> source.getString("id"))
        .collect(Collectors.toCollection(HashSet::new));
  }

  private JsonObject storedOptions(long conversation, int index) {
    return conversation(conversation)
        .getJsonArray("exchanges")
        .getJsonObject(index)
        .getJsonObject("options");
  }

  @Test
  void answersNeverHoldTheTurnMarkers() {
    for (int seed = 0; seed < 20; seed++) {
      // The model alone: sampled at a high temperature, it runs through every word it knows.
      String answer =
          chat("{\"message\": \"how many legs has a kettle\", \"temperature\": 2,"
                  + " \"use_rag\": false, \"seed\": "
                  + seed
                  + "}")
              .getString("answer");
      assertFalse(answer.contains("<user>") || answer.contains("<assistant>"), answer);
    }
  }

  @Test
  void theStreamSendsTheConversationThenTheTextAsItGrowsThenTheWholeAnswer() throws Exception {
    List<Map.Entry<String, JsonObject>> events =
        // Greedy: which words a sampled answer picks would make the content check a coin toss.
        stream(
            "temperature=0&message="
                + encode("What does the blue light on the Zephyr kettle mean?"));

    assertEquals("conversation", events.get(0).getKey());
    Map.Entry<String, JsonObject> last = events.get(events.size() - 1);
    assertEquals("done", last.getKey(), events.toString());
    StringBuilder streamed = new StringBuilder();
    events.stream()
        .filter(e -> e.getKey().equals("token"))
        .forEach(e -> streamed.append(e.getValue().getString("text")));
    assertTrue(events.stream().filter(e -> e.getKey().equals("token")).count() > 1);
    JsonObject done = last.getValue();
    assertEquals(done.getString("answer"), streamed.toString());
    assertTrue(done.getString("answer").contains("heating"), done.toString());
    assertFalse(done.getJsonArray("sources").isEmpty());
    long id = events.get(0).getValue().getJsonNumber("conversation_id").longValue();
    assertEquals(id, done.getJsonNumber("conversation_id").longValue());
    assertEquals(
        done.getString("answer"),
        conversation(id).getJsonArray("exchanges").getJsonObject(0).getString("answer"));
  }

  @Test
  void aStreamWithABadRequestSendsOneErrorEvent() throws Exception {
    List<Map.Entry<String, JsonObject>> events = stream("message=hi&temperature=hot");

    assertEquals(1, events.size(), events.toString());
    assertEquals("error", events.get(0).getKey());
    assertTrue(events.get(0).getValue().getString("error").startsWith("temperature"));
  }

  @Test
  void conversationsAreListedSearchedRenamedAndDeletedWithTheirRatings() {
    JsonObject answer = chat("{\"message\": \"How do I reset my router?\", \"seed\": 1}");
    long id = answer.getJsonNumber("conversation_id").longValue();
    long exchange = answer.getJsonNumber("exchange_id").longValue();
    Http.postJson(
        api.url("/api/ratings"),
        "{\"exchange_id\": " + exchange + ", \"rating\": \"down\", \"comment\": \"too vague\"}");

    JsonArray found = Http.get(api.url("/api/conversations?q=RESET%20my")).jsonArray();
    assertTrue(
        found.stream()
            .map(JsonObject.class::cast)
            .anyMatch(c -> c.getJsonNumber("id").longValue() == id),
        found.toString());

    Http.Reply renamed =
        Http.send(
            HttpRequest.newBuilder(URI.create(api.url("/api/conversations/" + id)))
                .header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"title\": \"Router\"}")));
    assertEquals(200, renamed.status(), renamed.body());
    assertEquals("Router", conversation(id).getString("title"));

    Http.Reply deleted =
        Http.send(HttpRequest.newBuilder(URI.create(api.url("/api/conversations/" + id))).DELETE());
    assertEquals(204, deleted.status());
    assertEquals(404, Http.get(api.url("/api/conversations/" + id)).status());
    assertTrue(
        Http.get(api.url("/api/ratings")).jsonArray().stream()
            .map(JsonObject.class::cast)
            .noneMatch(r -> r.getJsonNumber("exchange_id").longValue() == exchange));
  }

  @Test
  void eachVisitorSeesAndChangesOnlyTheirOwnConversationsAndAnyOtherIsNotFound() {
    Http.Visitor alice = new Http.Visitor();
    Http.Visitor bob = new Http.Visitor();
    JsonObject asked =
        alice
            .postJson(api.url("/api/chat"), "{\"message\": \"alice asks about the Zephyr kettle\"}")
            .json();
    long conversation = asked.getJsonNumber("conversation_id").longValue();
    long exchange = asked.getJsonNumber("exchange_id").longValue();
    long bobs =
        bob.postJson(api.url("/api/chat"), "{\"message\": \"bob asks about routers\"}")
            .json()
            .getJsonNumber("conversation_id")
            .longValue();
    String own = "/api/conversations/" + conversation;

    assertEquals(List.of(bobs), ids(bob.get(api.url("/api/conversations")).jsonArray()));
    assertEquals(List.of(), ids(bob.get(api.url("/api/conversations?q=alice")).jsonArray()));
    for (long id = conversation - 5; id <= conversation + 5; id++) {
      if (id != bobs) {
        assertEquals(404, bob.get(api.url("/api/conversations/" + id)).status(), "id " + id);
      }
    }
    assertEquals(
        404,
        bob.send(
                HttpRequest.newBuilder(URI.create(api.url(own)))
                    .header("Content-Type", "application/json")
                    .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"title\": \"mine\"}")))
            .status());
    assertEquals(404, bob.delete(api.url(own)).status());
    assertEquals(
        404,
        bob.postJson(
                api.url("/api/chat"),
                "{\"message\": \"and more\", \"conversation_id\": " + conversation + "}")
            .status());
    assertEquals(
        404,
        bob.postJson(
                api.url("/api/ratings"),
                "{\"exchange_id\": " + exchange + ", \"rating\": \"down\"}")
            .status());
    assertEquals(List.of(), ids(new Http.Visitor().get(api.url("/api/conversations")).jsonArray()));

    JsonObject kept = alice.get(api.url(own)).json();
    assertEquals("alice asks about the Zephyr kettle", kept.getString("title"));
    assertEquals(1, kept.getJsonArray("exchanges").size(), "bob's attempts added nothing");
    JsonObject exchangeKept = kept.getJsonArray("exchanges").getJsonObject(0);
    assertTrue(
        !exchangeKept.containsKey("rating") || exchangeKept.isNull("rating"),
        "bob's rating was not kept: " + exchangeKept);
    assertTrue(
        Http.get(api.url("/api/admin/exports/conversations?format=jsonl"))
            .body()
            .contains("alice asks about the Zephyr kettle"),
        "the admin's export stays whole");

    JsonObject deleted = alice.delete(api.url("/api/conversations")).json();
    assertTrue(deleted.getInt("deleted") >= 1, deleted.toString());
    assertEquals(List.of(), ids(alice.get(api.url("/api/conversations")).jsonArray()));
    assertEquals(404, alice.get(api.url(own)).status());
    assertEquals(List.of(bobs), ids(bob.get(api.url("/api/conversations")).jsonArray()));
  }

  private static List<Long> ids(JsonArray conversations) {
    return conversations.getValuesAs(JsonObject.class).stream()
        .map(c -> c.getJsonNumber("id").longValue())
        .toList();
  }

  @Test
  void ratingsReplaceEarlierOnesAndFilterByValueDayAndComment() {
    long up =
        chat("{\"message\": \"Where do I find my invoice?\"}")
            .getJsonNumber("exchange_id")
            .longValue();
    long down =
        chat("{\"message\": \"How do I reset my router?\"}")
            .getJsonNumber("exchange_id")
            .longValue();
    rate(up, "down", null);
    JsonObject replaced = rate(up, "up", "  exactly right  ");
    assertEquals("up", replaced.getString("rating"));
    assertEquals("exactly right", replaced.getString("comment"));
    rate(down, "down", "");

    assertTrue(ratedIds("?rating=up").contains(up));
    assertFalse(ratedIds("?rating=up").contains(down));
    assertTrue(ratedIds("?rating=down").contains(down));
    assertTrue(ratedIds("?with_comment=true").contains(up));
    assertFalse(ratedIds("?with_comment=true").contains(down));
    assertFalse(ratedIds("?since=2999-01-01").contains(up));
    JsonObject listed =
        Http.get(api.url("/api/ratings?rating=up")).jsonArray().stream()
            .map(JsonObject.class::cast)
            .filter(r -> r.getJsonNumber("exchange_id").longValue() == up)
            .findFirst()
            .orElseThrow();
    assertEquals("Where do I find my invoice?", listed.getString("question"));
  }

  @Test
  void analyticsCountTheNewMessagesAndGroupTrivialVariantsOfAQuestion() {
    JsonObject before = Http.get(api.url("/api/analytics?range=24h")).json();
    String question = "Is the Zephyr kettle quiet " + System.nanoTime();
    chat("{\"message\": \"" + question + "?\"}");
    long rated =
        chat("{\"message\": \"  " + question.toUpperCase() + " \"}")
            .getJsonNumber("exchange_id")
            .longValue();
    rate(rated, "up", null);

    JsonObject after = Http.get(api.url("/api/analytics?range=24h")).json();
    assertEquals(
        before.getJsonObject("summary").getInt("messages") + 2,
        after.getJsonObject("summary").getInt("messages"));
    JsonObject top =
        after.getJsonArray("top_queries").stream()
            .map(JsonObject.class::cast)
            .filter(q -> q.getString("query").equals(question.toLowerCase()))
            .findFirst()
            .orElseThrow(() -> new AssertionError(after.toString()));
    assertEquals(2, top.getInt("count"));
    assertEquals(1.0, top.getJsonNumber("average_rating").doubleValue(), 1e-9);
    long histogram =
        after.getJsonArray("latency_histogram").stream()
            .mapToLong(b -> b.asJsonObject().getInt("count"))
            .sum();
    assertEquals(after.getJsonObject("summary").getInt("messages"), histogram);
    assertTrue(
        after.getJsonObject("summary").getJsonNumber("latency_p95_ms").doubleValue()
            >= after.getJsonObject("summary").getJsonNumber("latency_p50_ms").doubleValue());
  }

  @Test
  void exportsHoldTheConversationsInEachFormat() {
    JsonObject answer = chat("{\"message\": \"What does the blue light mean, \\\"really\\\"?\"}");
    long exchange = answer.getJsonNumber("exchange_id").longValue();
    rate(exchange, "up", "fine, \"quoted\"");

    Http.Reply jsonl = Http.get(api.url("/api/admin/exports/conversations?format=jsonl"));
    assertEquals(200, jsonl.status());
    assertTrue(jsonl.headers().firstValue("Content-Disposition").orElse("").contains("attachment"));
    JsonObject line = lineFor(jsonl.body(), "exchange_id", exchange);
    assertEquals(answer.getString("answer"), line.getString("answer"));
    assertEquals("up", line.getString("rating"));
    assertEquals("fine, \"quoted\"", line.getString("comment"));

    String csv = Http.get(api.url("/api/admin/exports/conversations?format=csv")).body();
    assertTrue(csv.startsWith("exchange_id,conversation_id,"), csv);
    assertTrue(csv.contains("\"What does the blue light mean, \"\"really\"\"?\""), csv);
    assertTrue(csv.contains("\"fine, \"\"quoted\"\"\""), csv);

    String openAi =
        Http.get(api.url("/api/admin/exports/conversations?format=openai&rating=up")).body();
    for (String each : openAi.split("\n")) {
      JsonArray messages = parse(each).getJsonArray("messages");
      assertEquals("user", messages.getJsonObject(0).getString("role"));
      assertEquals("assistant", messages.getJsonObject(1).getString("role"));
    }
    assertTrue(openAi.contains(answer.getString("answer")));

    // Another exchange may have the same answer: look for this question with its answer.
    String alpaca = Http.get(api.url("/api/admin/exports/conversations?format=alpaca")).body();
    assertTrue(
        alpaca
            .lines()
            .map(ChatApiIT::parse)
            .anyMatch(
                record ->
                    record
                            .getString("instruction")
                            .equals("What does the blue light mean, \"really\"?")
                        && record.getString("output").equals(answer.getString("answer"))),
        alpaca);
  }

  @Test
  void datasetsExportAsTheirRecordsWereUploaded() {
    String records = TestData.unique(TestData.HELP_DESK);
    long dataset = api.upload(Uploads.file("export-" + System.nanoTime() + ".jsonl", records));

    Http.Reply reply = Http.get(api.url("/api/admin/exports/datasets?ids=" + dataset));

    assertEquals(200, reply.status());
    assertEquals(records, reply.body());
  }

  @Test
  void badRequestsAreRefusedWithAReasonAndChangeNothing() {
    long conversations = Http.get(api.url("/api/conversations")).jsonArray().size();
    Map<String, Integer> chats =
        Map.of(
            "{\"message\": \"  \"}",
            400,
            "{}",
            400,
            "{\"message\": \"hi\", \"temperature\": -1}",
            400,
            "{\"message\": \"hi\", \"top_p\": 0}",
            400,
            "{\"message\": \"hi\", \"mood\": \"happy\"}",
            400,
            "{\"message\": \"hi\", \"conversation_id\": 987654321}",
            404,
            "[1, 2]",
            400,
            "{\"message\": \"" + "x".repeat(ChatRequest.MAX_MESSAGE + 1) + "\"}",
            400);
    chats.forEach(
        (body, status) -> {
          Http.Reply reply = Http.postJson(api.url("/api/chat"), body);
          assertEquals(status, reply.status(), body + " -> " + reply.body());
          assertFalse(reply.json().getString("error").isBlank());
        });
    assertEquals(400, Http.post(api.url("/api/chat"), "application/json", "{oops").status());
    assertEquals(conversations, Http.get(api.url("/api/conversations")).jsonArray().size());

    Map<String, Integer> ratings =
        Map.of(
            "{\"exchange_id\": 987654321, \"rating\": \"up\"}", 404,
            "{\"exchange_id\": 1, \"rating\": \"sideways\"}", 400,
            "{\"rating\": \"up\"}", 400);
    ratings.forEach(
        (body, status) ->
            assertEquals(status, Http.postJson(api.url("/api/ratings"), body).status(), body));
    for (String query :
        List.of(
            "/api/ratings?rating=maybe",
            "/api/ratings?since=yesterday",
            "/api/ratings?with_comment=perhaps",
            "/api/analytics?range=1y",
            "/api/conversations?limit=0",
            "/api/admin/exports/conversations?format=xml",
            "/api/admin/exports/conversations?rating=great",
            "/api/admin/exports/datasets?ids=1,x")) {
      Http.Reply reply = Http.get(api.url(query));
      assertEquals(400, reply.status(), query + " -> " + reply.body());
      assertTrue(reply.json().containsKey("error"));
    }
    assertEquals(404, Http.get(api.url("/api/admin/exports/datasets?ids=987654321")).status());
    Http.Reply untitled =
        Http.send(
            HttpRequest.newBuilder(URI.create(api.url("/api/conversations/987654321")))
                .header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"title\": \"x\"}")));
    assertEquals(404, untitled.status());
  }

  private JsonObject rate(long exchange, String rating, String comment) {
    JsonObject body =
        comment == null
            ? Json.createObjectBuilder().add("exchange_id", exchange).add("rating", rating).build()
            : Json.createObjectBuilder()
                .add("exchange_id", exchange)
                .add("rating", rating)
                .add("comment", comment)
                .build();
    Http.Reply reply = Http.postJson(api.url("/api/ratings"), body.toString());
    assertEquals(200, reply.status(), reply.body());
    return reply.json();
  }

  private List<Long> ratedIds(String query) {
    return Http.get(api.url("/api/ratings" + query)).jsonArray().stream()
        .map(r -> r.asJsonObject().getJsonNumber("exchange_id").longValue())
        .toList();
  }

  /** The events of a chat stream, in order, as (name, data). */
  private List<Map.Entry<String, JsonObject>> stream(String query) throws Exception {
    Http.Reply reply =
        Http.send(
            HttpRequest.newBuilder(URI.create(api.url("/api/chat/stream?" + query)))
                .header("Accept", "text/event-stream"));
    assertEquals(200, reply.status(), reply.body());
    assertTrue(reply.contentType().startsWith("text/event-stream"), reply.contentType());
    List<Map.Entry<String, JsonObject>> events = new ArrayList<>();
    String name = null;
    for (String line : reply.body().split("\n")) {
      if (line.startsWith("event:")) {
        name = line.substring(6).strip();
      } else if (line.startsWith("data:")) {
        events.add(Map.entry(name, parse(line.substring(5).strip())));
      }
    }
    return events;
  }

  private static JsonObject lineFor(String jsonl, String key, Object value) {
    return jsonl
        .lines()
        .map(ChatApiIT::parse)
        .filter(
            line ->
                line.containsKey(key)
                    && (value instanceof Long id
                        ? line.getJsonNumber(key).longValue() == id
                        : line.getString(key).equals(value)))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no line with " + key + " " + value));
  }

  private static JsonObject parse(String json) {
    try (JsonReader reader = Json.createReader(new StringReader(json))) {
      return reader.readObject();
    }
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }
}
