package ai.fromscratch.platform;

/**
 * A CDI event: a backup replaced the data (tables and files). Capabilities that bring data of an
 * older shape up to date observe it, as they do at start-up.
 */
public record DataRestored(String backup) {}
