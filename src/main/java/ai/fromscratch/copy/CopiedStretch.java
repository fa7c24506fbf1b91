package ai.fromscratch.copy;

/**
 * A stretch of an answer copied from a passage: its characters {@code [answerStart, answerEnd)} in
 * the answer are the characters {@code [sourceStart, sourceEnd)} of text {@code part} of document
 * {@code document} of the passages.
 */
public record CopiedStretch(
    int answerStart, int answerEnd, int document, int part, int sourceStart, int sourceEnd) {}
