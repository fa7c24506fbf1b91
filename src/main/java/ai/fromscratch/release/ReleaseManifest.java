package ai.fromscratch.release;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The files of a release, as stored with it: one line per file, {@code <sha256> <size> <path>}. The
 * model is the one file under {@code models/} ending in {@code .lm}; its copy corpus sits beside
 * it.
 */
public record ReleaseManifest(List<ReleaseFile> files) {
  public ReleaseManifest {
    files = List.copyOf(files);
  }

  public String text() {
    StringBuilder text = new StringBuilder();
    for (ReleaseFile file : files) {
      text.append(file.sha256()).append(' ').append(file.size()).append(' ');
      text.append(file.path()).append('\n');
    }
    return text.toString();
  }

  /** Reads what {@link #text()} wrote; a line of any other shape is refused. */
  public static ReleaseManifest parse(String text) {
    List<ReleaseFile> files = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      String[] fields = line.split(" ", 3);
      if (fields.length != 3) {
        throw new IllegalArgumentException("Not a release manifest line: " + line);
      }
      files.add(new ReleaseFile(fields[2], fields[0], Long.parseLong(fields[1])));
    }
    return new ReleaseManifest(files);
  }

  public Optional<ReleaseFile> model() {
    return files.stream()
        .filter(file -> file.folder().equals("models") && file.name().endsWith(".lm"))
        .findFirst();
  }

  public List<ReleaseFile> in(String folder) {
    return files.stream().filter(file -> file.folder().equals(folder)).toList();
  }

  /** Whether this release holds {@code file} with the same content. */
  public boolean holds(ReleaseFile file) {
    return files.contains(file);
  }
}
