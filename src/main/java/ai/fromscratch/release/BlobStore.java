package ai.fromscratch.release;

import java.io.IOException;
import java.nio.file.Path;

/** Where the files of releases are kept, each under its SHA-256: S3, or the database. */
public interface BlobStore {
  /** Whether the blob is stored, whole. */
  boolean has(String sha256);

  /** Stores a file's bytes as the blob {@code sha256}. */
  void put(String sha256, Path file) throws IOException;

  /** Deletes the blob; nothing happens if it is not stored. */
  void delete(String sha256) throws IOException;

  /** Writes the blob's bytes to {@code target}; the caller checks them against the SHA-256. */
  void get(String sha256, Path target) throws IOException;

  /** Where the blobs are, for people to read. */
  String location();
}
