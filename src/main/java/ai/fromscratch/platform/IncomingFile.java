package ai.fromscratch.platform;

import java.nio.file.Path;

/** An upload written to disk, with its SHA-256 and size. */
public record IncomingFile(Path path, String sha256, long bytes) {}
