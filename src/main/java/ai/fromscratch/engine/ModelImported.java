package ai.fromscratch.engine;

/** A CDI event: an imported model (an ARPA file) now answers. */
public record ModelImported(String modelId) {}
