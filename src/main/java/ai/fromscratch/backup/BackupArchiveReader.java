package ai.fromscratch.backup;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Enumeration;
import java.util.HashSet;
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

  static BackupManifest extractVerified(Path archive, Path staging) {
    try (ZipFile zip = new ZipFile(archive.toFile())) {
      BackupManifest manifest = manifest(zip);
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
      return BackupManifest.read(in);
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
