package ai.fromscratch.platform;

import java.io.Serializable;

/** How much the data directory holds and how much room its disk has left. */
public record StorageUsage(String path, long freeBytes, long usedBytes) implements Serializable {}
