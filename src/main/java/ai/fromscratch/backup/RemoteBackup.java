package ai.fromscratch.backup;

import java.time.Instant;

/** A backup as the S3 bucket lists it. */
public record RemoteBackup(String name, long size, Instant storedAt) {}
