package ai.fromscratch.backup;

import ai.fromscratch.platform.Digests;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Unpacks a backup archive into a staging folder, checking every file against the manifest (size
 * and SHA-256) and refusing the archive at the first difference, before anything is restored.
 */
final class BackupArchiveReader {
  /** Entries live under these folders; anything else (or {@code ..}) is refused. */
  private static final Pattern SAFE_PATH =
      Pattern.compile("(db|models|tokenizer|index)/[A-Za-z0-9_][A-Za-z0-9_.-]*");

  private BackupArchiveReader() {}

  /** The most files a backup may hold (the app writes a few hundred at most). */
  static final int MAX_ENTRIES = 100_000;

  /** The largest manifest read: a few MB at most for the largest backups. */
  static final int MAX_MANIFEST_BYTES = 16 << 20;

  /** Disk left free after an extraction, for the app's own writes meanwhile. */
  static final long DISK_RESERVE_BYTES = 64L << 20;

  static BackupManifest extractVerified(Path archive, Path staging) {
    try (ZipFile zip = new ZipFile(archive.toFile())) {
      BackupManifest manifest = manifest(zip);
      checkFits(manifest, staging);
      checkEntries(zip, manifest);
      for (BackupManifest.Entry entry : manifest.entries()) {
        extract(zip, entry, staging.resolve(entry.path()));
      }
      return manifest;
    } catch (IOException e) {
      throw new BackupRejectedException("the archive is damaged: " + e.getMessage());
    }
  }

  private static BackupManifest manifest(ZipFile zip) throws IOException {
    ZipEntry entry = zip.getEntry(BackupManifest.NAME);
    if (entry == null) {
      throw new BackupRejectedException("it has no " + BackupManifest.NAME);
    }
    try (InputStream in = zip.getInputStream(entry)) {
      byte[] json = in.readNBytes(MAX_MANIFEST_BYTES + 1);
      if (json.length > MAX_MANIFEST_BYTES) {
        throw new BackupRejectedException(
            "its manifest is larger than " + (MAX_MANIFEST_BYTES >> 20) + " MB");
      }
      return BackupManifest.read(new ByteArrayInputStream(json));
    }
  }

  /**
   * What the manifest declares must be believable before a byte is extracted: a bounded number of
   * files, no negative size, and room for them all on the disk of the staging folder.
   */
  private static void checkFits(BackupManifest manifest, Path staging) throws IOException {
    if (manifest.entries().size() > MAX_ENTRIES) {
      throw new BackupRejectedException(
          "its manifest lists " + manifest.entries().size() + " files, more than " + MAX_ENTRIES);
    }
    long total = 0;
    for (BackupManifest.Entry entry : manifest.entries()) {
      if (entry.size() < 0) {
        throw new BackupRejectedException(
            "its manifest gives " + entry.path() + " a negative size");
      }
      if (entry.size() > Long.MAX_VALUE - total) {
        throw new BackupRejectedException("its manifest's sizes add up past any disk");
      }
      total += entry.size();
    }
    for (Map.Entry<String, Long> table : manifest.tables().entrySet()) {
      if (table.getValue() < 0) {
        throw new BackupRejectedException(
            "its manifest gives the table " + table.getKey() + " a negative row count");
      }
    }
    Files.createDirectories(staging);
    long free = Files.getFileStore(staging).getUsableSpace() - DISK_RESERVE_BYTES;
    if (total > free) {
      throw new BackupRejectedException(
          String.format(
              "it unpacks to %,d MB and the disk has %,d MB free",
              total >> 20, Math.max(0, free) >> 20));
    }
  }

  /** The archive must hold exactly the manifest's files, each at a safe path. */
  private static void checkEntries(ZipFile zip, BackupManifest manifest) {
    Set<String> listed = new HashSet<>();
    for (BackupManifest.Entry entry : manifest.entries()) {
      if (!SAFE_PATH.matcher(entry.path()).matches()) {
        throw new BackupRejectedException("its manifest names an unsafe path " + entry.path());
      }
      if (!listed.add(entry.path())) {
        throw new BackupRejectedException("its manifest lists " + entry.path() + " twice");
      }
    }
    Enumeration<? extends ZipEntry> entries = zip.entries();
    while (entries.hasMoreElements()) {
      String name = entries.nextElement().getName();
      if (!name.equals(BackupManifest.NAME) && !listed.contains(name)) {
        throw new BackupRejectedException(
            "it holds " + name + ", which its manifest does not list");
      }
    }
  }

  private static void extract(ZipFile zip, BackupManifest.Entry entry, Path target)
      throws IOException {
    ZipEntry zipped = zip.getEntry(entry.path());
    if (zipped == null) {
      throw new BackupRejectedException("it lacks " + entry.path() + ", listed in its manifest");
    }
    Files.createDirectories(target.getParent());
    MessageDigest sha256 = Digests.sha256();
    long size = 0;
    byte[] buffer = new byte[64 * 1024];
    try (InputStream in = zip.getInputStream(zipped);
        OutputStream out = Files.newOutputStream(target)) {
      for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
        size += read;
        if (size > entry.size()) {
          break;
        }
        sha256.update(buffer, 0, read);
        out.write(buffer, 0, read);
      }
    }
    if (size != entry.size() || !Digests.hex(sha256).equals(entry.sha256())) {
      throw new BackupRejectedException(
          entry.path() + " does not match the checksum in its manifest");
    }
  }
}
