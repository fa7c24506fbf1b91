package ai.fromscratch.dataset;

import java.util.ArrayList;
import java.util.List;

/** Keeps what a parser hands out, for assertions. */
final class CollectingSink implements RecordSink {
  final List<ParsedRecord> records = new ArrayList<>();
  final List<Rejection> rejections = new ArrayList<>();

  @Override
  public void accept(ParsedRecord record) {
    records.add(record);
  }

  @Override
  public void reject(Rejection rejection) {
    rejections.add(rejection);
  }

  String rejectionsText() {
    return rejections.toString();
  }
}
