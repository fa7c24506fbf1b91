package ai.fromscratch.dataset;

/** A record (or a part of the file) that was not used, where it was and why. */
public record Rejection(String location, String reason) {}
