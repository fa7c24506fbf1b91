package ai.fromscratch.web;

import ai.fromscratch.platform.ApiException;
import ai.fromscratch.synth.PairParser;
import ai.fromscratch.synth.QaPair;
import ai.fromscratch.synth.SynthJson;
import ai.fromscratch.synth.SynthRequest;
import ai.fromscratch.synth.SynthesisService;
import ai.fromscratch.synth.SynthesisService.Availability;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.io.Serializable;
import java.util.List;

/**
 * The Data page's synthesis panel: says why synthesis is unavailable without a Groq key, otherwise
 * takes a topic, a count, a temperature and optional example pairs, and follows the runs. It builds
 * the request the API takes and hands it to the same service.
 */
@ViewModel
public class SynthesisPage implements Serializable {
  private static final long serialVersionUID = 1L;

  @Inject SynthesisService synthesis;

  private Availability availability;
  private List<SynthJson> runs;
  private String topic;
  private int count = 50;
  private double temperature = 0.7;
  private String examples;

  @PostConstruct
  void load() {
    availability = synthesis.availability();
    refresh();
  }

  /** Reloads the runs (the poll calls it); stops polling once none runs. */
  public void refresh() {
    runs = synthesis.recent();
    PageActions.stopPollWhenIdle(isAnyRunning(), "synthPoll");
  }

  public void start() {
    PageActions.perform(
        () -> synthesis.start(SynthRequest.from(request())),
        "Synthesis started: the pairs become a dataset when it ends",
        "synthPoll");
    refresh();
  }

  public void cancel(long id) {
    PageActions.perform(
        () -> synthesis.cancel(id), "Cancelling: the pairs received so far are kept", "synthPoll");
    refresh();
  }

  private JsonObject request() {
    JsonArrayBuilder pairs = Json.createArrayBuilder();
    if (examples != null && !examples.isBlank()) {
      PairParser.Parsed parsed = PairParser.parse(examples);
      if (parsed.skipped() > 0 || parsed.pairs().isEmpty()) {
        throw ApiException.badRequest(
            "Examples must be JSON: a list of {\"question\": ..., \"answer\": ...}, or one such"
                + " object a line");
      }
      parsed.pairs().stream().map(QaPair::toJson).forEach(pairs::add);
    }
    return Json.createObjectBuilder()
        .add("topic", topic == null ? "" : topic)
        .add("count", count)
        .add("temperature", temperature)
        .add("examples", pairs)
        .build();
  }

  public boolean isAnyRunning() {
    return runs.stream().anyMatch(SynthJson::running);
  }

  public Availability getAvailability() {
    return availability;
  }

  public List<SynthJson> getRuns() {
    return runs;
  }

  public String getTopic() {
    return topic;
  }

  public void setTopic(String topic) {
    this.topic = topic;
  }

  public int getCount() {
    return count;
  }

  public void setCount(int count) {
    this.count = count;
  }

  public double getTemperature() {
    return temperature;
  }

  public void setTemperature(double temperature) {
    this.temperature = temperature;
  }

  public String getExamples() {
    return examples;
  }

  public void setExamples(String examples) {
    this.examples = examples;
  }
}
