package ai.fromscratch.platform;

/** The body of every API error: a sentence for people and, where useful, details for programs. */
public record ApiError(String error, Object detail) {}
