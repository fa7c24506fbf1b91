package ai.fromscratch.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.fromscratch.testing.Deployments;
import ai.fromscratch.testing.Http;
import ai.fromscratch.testing.Uploads;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@ExtendWith(ArquillianExtension.class)
@RunAsClient
class DatasetApiIT {
  private static final Path GOOD = Path.of("src/test/resources/datasets/good");
  private static final Path BAD = Path.of("src/test/resources/datasets/bad");

  @ArquillianResource URL base;

  @Deployment(testable = false)
  static WebArchive app() {
    return Deployments.app();
  }

  private String api(String path) {
    return base.toString().replaceAll("/$", "") + "/api/datasets" + path;
  }

  /** Each file is made unique so tests do not trip over the duplicate check of one another. */
  private Path unique(Path file) throws Exception {
    String name = file.getFileName().toString();
    Path copy = Files.createDirectories(Path.of("target/test-uploads")).resolve(name);
    byte[] bytes = Files.readAllBytes(file);
    if (name.endsWith(".jsonl") || name.endsWith(".txt")) {
      bytes =
          (new String(bytes, "UTF-8") + "{\"text\": \"nonce " + UUID.randomUUID() + "\"}\n")
              .getBytes("UTF-8");
    }
    return Files.write(copy, bytes);
  }

  private int datasetCount() {
    return Http.get(api("")).jsonArray().size();
  }

  @ParameterizedTest
  @CsvSource({
    "prompt_response.jsonl, 4, prompt_response, jsonl",
    "alpaca.json, 3, alpaca, json",
    "openai_chat.jsonl, 2, openai_chat, jsonl",
    "sharegpt.json, 2, sharegpt, json",
    "text.jsonl, 2, text, jsonl",
    "single_record.json, 1, sharegpt, json",
    "nested_folders.zip, 6, prompt_response, zip",
    "plain_prose.txt, 1, text, text",
  })
  void everyFormatAndSchemaIsStoredWithItsFigures(
      String file, int records, String schema, String format) throws Exception {
    Path upload = file.endsWith(".jsonl") ? unique(GOOD.resolve(file)) : GOOD.resolve(file);
    int extra = file.endsWith(".jsonl") ? 1 : 0;

    Http.Reply reply = Uploads.upload(api(""), upload);

    assertEquals(201, reply.status(), reply.body());
    JsonObject dataset = reply.json().getJsonObject("dataset");
    assertEquals(records + extra, reply.json().getInt("accepted"));
    assertEquals(file, dataset.getString("name"));
    assertEquals(format, dataset.getString("format"));
    assertTrue(dataset.getJsonObject("schemas").containsKey(schema), dataset.toString());
    assertTrue(dataset.getJsonNumber("tokens").longValue() > records);
    assertEquals(64, dataset.getString("sha256").length());
    assertEquals(Files.size(upload), dataset.getJsonNumber("bytes").longValue());

    long id = dataset.getJsonNumber("id").longValue();
    JsonObject page = Http.get(api("/" + id + "/records?limit=2")).json();
    assertEquals(records + extra, page.getInt("total"));
    JsonObject first = page.getJsonArray("records").getJsonObject(0);
    assertEquals(1, first.getInt("ordinal"));
    assertTrue(first.getJsonArray("turns").size() >= 1);
    assertTrue(first.containsKey("original"));
    assertEquals(
        204, Http.send(HttpRequest.newBuilder(URI.create(api("/" + id))).DELETE()).status());
  }

  @Test
  void goodRecordsAreKeptAndTheBadOnesReported() throws Exception {
    Http.Reply reply = Uploads.upload(api(""), unique(GOOD.resolve("mixed_with_bad_lines.jsonl")));

    assertEquals(201, reply.status(), reply.body());
    assertEquals(3, reply.json().getInt("accepted"));
    assertEquals(4, reply.json().getInt("rejected"));
    JsonArray rejections = reply.json().getJsonArray("rejections");
    assertEquals("line 2, column 34", rejections.getJsonObject(0).getString("location"));
    assertEquals("empty text in prompt", rejections.getJsonObject(2).getString("reason"));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "empty.jsonl | 422 | the file is empty",
        "whitespace.json | 422 | the file is empty (only white space)",
        "garbage.bin | 422 | the file is binary data, not JSON, JSON Lines, text or a ZIP archive",
        "utf16.json | 422 | the file is UTF-16 text; save it as UTF-8",
        "page.html | 422 | the file is an HTML page; save it as Markdown or plain text",
        "zip_bomb.zip | 422 | the archive looks like a zip bomb",
        "lying_zip_bomb.zip | 422 | the archive looks like a zip bomb",
        "path_traversal.zip | 422 | the archive holds no .json, .jsonl, .md or .txt file",
        "nested_archive.zip | 422 | No record in the file could be used",
        "latin1.jsonl | 422 | No record in the file could be used",
        "long_line.jsonl | 422 | No record in the file could be used",
        "truncated_no_record.json | 422 | The JSON document breaks off at",
        "truncated.json | 422 | The JSON document breaks off at line 2",
        "unknown_schema.jsonl | 422 | No record in the file could be used",
        "empty_texts.jsonl | 422 | No record in the file could be used",
      })
  void badFilesAreRefusedWithTheReasonAndNothingIsStored(String file, int status, String message) {
    int before = datasetCount();

    Http.Reply reply = Uploads.upload(api(""), BAD.resolve(file));

    assertEquals(status, reply.status(), reply.body());
    assertTrue(reply.json().getString("error").startsWith(message), reply.body());
    assertEquals(before, datasetCount(), "nothing was stored");
  }

  @Test
  void aTruncatedJsonDocumentUploadedAsPartialKeepsTheRecordsBeforeTheBreak() throws Exception {
    // Leading white space of a length of its own makes the bytes unique and the JSON the same.
    Path file =
        Files.writeString(
            Files.createDirectories(Path.of("target/test-uploads")).resolve("truncated-copy.json"),
            " ".repeat(1 + (int) (System.nanoTime() % 5000))
                + Files.readString(BAD.resolve("truncated.json")));
    int before = datasetCount();

    Http.Reply whole = Uploads.upload(api(""), file);
    assertEquals(422, whole.status(), whole.body());
    assertTrue(whole.json().getString("error").contains("partial=true"), whole.body());
    assertEquals(1, whole.json().getJsonObject("detail").getInt("records_before"));
    assertEquals(before, datasetCount(), "nothing was stored");

    Http.Reply partial = Uploads.upload(api("?partial=true"), file);
    assertEquals(201, partial.status(), partial.body());
    assertEquals(1, partial.json().getInt("accepted"), partial.body());
    assertEquals(1, partial.json().getInt("rejected"), partial.body());
    assertEquals(before + 1, datasetCount());
    assertEquals(400, Uploads.upload(api("?partial=maybe"), file).status());
  }

  @Test
  void refusalWithRejectedRecordsListsThemWithLines() {
    Http.Reply reply = Uploads.upload(api(""), BAD.resolve("latin1.jsonl"));

    JsonObject detail = reply.json().getJsonObject("detail");
    assertEquals(2, detail.getInt("rejected"));
    assertEquals(
        "line 1", detail.getJsonArray("rejections").getJsonObject(0).getString("location"));
    assertTrue(
        detail
            .getJsonArray("rejections")
            .getJsonObject(0)
            .getString("reason")
            .startsWith("not UTF-8"));
  }

  @Test
  void sameFileTwiceIsReportedAsDuplicate() throws Exception {
    Path file = unique(GOOD.resolve("text.jsonl"));
    Http.Reply first = Uploads.upload(api(""), file);
    int before = datasetCount();

    Http.Reply second = Uploads.upload(api(""), file, "renamed.jsonl");

    assertEquals(409, second.status(), second.body());
    long id = first.json().getJsonObject("dataset").getJsonNumber("id").longValue();
    assertEquals(id, second.json().getJsonObject("detail").getJsonNumber("dataset_id").longValue());
    assertEquals(before, datasetCount());
  }

  @Test
  void fileCanBeSentAsTheRequestBody() throws Exception {
    Path file = unique(GOOD.resolve("prompt_response.jsonl"));

    Http.Reply reply =
        Http.send(
            HttpRequest.newBuilder(URI.create(api("?name=from-curl.jsonl")))
                .header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofFile(file)));

    assertEquals(201, reply.status(), reply.body());
    assertEquals("from-curl.jsonl", reply.json().getJsonObject("dataset").getString("name"));
  }

  @Test
  void listShowsUploadedDatasetsNewestFirst() throws Exception {
    long id =
        Uploads.upload(api(""), unique(GOOD.resolve("openai_chat.jsonl")))
            .json()
            .getJsonObject("dataset")
            .getJsonNumber("id")
            .longValue();

    JsonArray list = Http.get(api("")).jsonArray();

    assertEquals(id, list.getJsonObject(0).getJsonNumber("id").longValue());
    assertEquals(200, Http.get(api("/" + id)).status());
  }

  @Test
  void recordsArePagedInOrder() throws Exception {
    long id =
        Uploads.upload(api(""), unique(GOOD.resolve("prompt_response.jsonl")))
            .json()
            .getJsonObject("dataset")
            .getJsonNumber("id")
            .longValue();

    JsonObject page = Http.get(api("/" + id + "/records?offset=2&limit=2")).json();

    assertEquals(2, page.getJsonArray("records").size());
    assertEquals(3, page.getJsonArray("records").getJsonObject(0).getInt("ordinal"));
    assertEquals(
        "Why is the sky blue?",
        page.getJsonArray("records")
            .getJsonObject(0)
            .getJsonArray("turns")
            .getJsonObject(0)
            .getString("text"));
  }

  @Test
  void badPagingParametersAreNamed() {
    assertEquals(
        "limit must be a whole number from 1 to 500",
        Http.get(api("/1/records?limit=0")).json().getString("error"));
    assertEquals(
        "offset must be a whole number from 0 to 2147483647",
        Http.get(api("/1/records?offset=-1")).json().getString("error"));
  }

  @Test
  void unknownDatasetIsNotFound() {
    assertEquals(404, Http.get(api("/987654")).status());
    assertEquals("No dataset 987654", Http.get(api("/987654")).json().getString("error"));
    assertEquals(
        404, Http.send(HttpRequest.newBuilder(URI.create(api("/987654"))).DELETE()).status());
  }

  @Test
  void formWithoutAFileIsABadRequest() {
    Http.Reply reply =
        Http.post(
            api(""),
            "multipart/form-data; boundary=b",
            "--b\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nhi\r\n--b--\r\n");

    assertEquals(400, reply.status());
    assertEquals("The form has no file part", reply.json().getString("error"));
  }

  @Test
  void deletedDatasetIsGoneWithItsRecords() throws Exception {
    long id =
        Uploads.upload(api(""), unique(GOOD.resolve("text.jsonl")))
            .json()
            .getJsonObject("dataset")
            .getJsonNumber("id")
            .longValue();

    Http.send(HttpRequest.newBuilder(URI.create(api("/" + id))).DELETE());

    assertEquals(404, Http.get(api("/" + id)).status());
    assertEquals(404, Http.get(api("/" + id + "/records")).status());
  }
}
