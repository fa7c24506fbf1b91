package ai.fromscratch.chat;

import java.time.Instant;

/** What analytics reads of a rating: which answer, up (+1) or down (-1), and when. */
public record RatedFigures(long exchangeId, int value, Instant createdAt) {}
