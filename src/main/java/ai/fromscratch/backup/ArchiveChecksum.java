package ai.fromscratch.backup;

/** The size and digests of a whole archive file, kept beside it and checked after each transfer. */
public record ArchiveChecksum(long size, String sha256, String md5Base64) {}
