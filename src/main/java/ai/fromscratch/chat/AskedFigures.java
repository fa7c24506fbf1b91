package ai.fromscratch.chat;

import java.time.Instant;

/**
 * What analytics reads of an exchange: when it was asked, what, and how fast and long the answer.
 */
public record AskedFigures(
    long exchangeId,
    long conversationId,
    Instant createdAt,
    String question,
    double latencyMs,
    int answerTokens) {}
