package ai.fromscratch.dataset;

/** Receives an upload's records one at a time, as they are parsed. */
public interface RecordSink {
  void accept(ParsedRecord record);

  void reject(Rejection rejection);
}
