package ai.fromscratch.dataset;

import java.util.List;

/**
 * A usable record as read from an upload.
 *
 * @param location where it was in the file, for people ("line 12", "entry a.jsonl, line 3")
 * @param original the record as it was written (compact JSON)
 */
public record ParsedRecord(
    String location, RecordSchema schema, List<Turn> turns, String original) {}
