package ai.fromscratch.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A memory cgroup with a hard limit, as a container on Render has: a process started in it that
 * needs more than the limit (its own memory and the page cache it cannot give back) is killed by
 * the kernel. Linux only, and only where this process may make cgroups (root, cgroup v1 or v2).
 */
public final class MemoryCgroup implements AutoCloseable {
  /** The memory of Render's free instances, the limit the app is sized for. */
  public static final long RENDER_FREE_MB = 512;

  private static final Path V1 = Path.of("/sys/fs/cgroup/memory");
  private static final Path V2 = Path.of("/sys/fs/cgroup");

  private final Path dir;
  private final boolean v2;
  private final long limitMb;

  private MemoryCgroup(Path dir, boolean v2, long limitMb) {
    this.dir = dir;
    this.v2 = v2;
    this.limitMb = limitMb;
  }

  /** A new cgroup limited to {@code limitMb} (no swap), or empty where none can be made here. */
  public static Optional<MemoryCgroup> create(String name, long limitMb) {
    boolean v2 = !Files.isDirectory(V1) && controllers().contains("memory");
    Path parent = v2 ? V2 : V1;
    if (!Files.isWritable(parent)) {
      return Optional.empty();
    }
    Path dir = parent.resolve("fromscratch-" + name);
    MemoryCgroup cgroup = new MemoryCgroup(dir, v2, limitMb);
    try {
      Files.createDirectories(dir);
      String bytes = String.valueOf(limitMb * 1024 * 1024);
      if (v2) {
        cgroup.write("memory.max", bytes);
        cgroup.writeIfPresent("memory.swap.max", "0");
      } else {
        cgroup.write("memory.limit_in_bytes", bytes);
        cgroup.writeIfPresent("memory.memsw.limit_in_bytes", bytes);
      }
      return Optional.of(cgroup);
    } catch (IOException | UncheckedIOException e) {
      cgroup.close();
      return Optional.empty();
    }
  }

  public long limitMb() {
    return limitMb;
  }

  /**
   * {@code command} run by a shell that first moves itself into this cgroup, so the process and all
   * it starts are counted against the limit.
   */
  public List<String> wrap(List<String> command) {
    List<String> wrapped =
        new ArrayList<>(
            List.of(
                "sh",
                "-c",
                "echo $$ > '" + dir.resolve("cgroup.procs") + "' && exec \"$0\" \"$@\""));
    wrapped.addAll(command);
    return wrapped;
  }

  /** The most memory the cgroup has been charged with (own memory and page cache), in MB. */
  public double peakMb() {
    return Long.parseLong(read(v2 ? "memory.peak" : "memory.max_usage_in_bytes")) / 1048576.0;
  }

  /** How many processes the kernel killed in this cgroup for want of memory. */
  public long oomKills() {
    return read(v2 ? "memory.events" : "memory.oom_control")
        .lines()
        .filter(line -> line.startsWith("oom_kill "))
        .mapToLong(line -> Long.parseLong(line.substring("oom_kill ".length()).trim()))
        .findFirst()
        .orElse(0);
  }

  /** Removes the cgroup; its processes must have ended. */
  @Override
  public void close() {
    try {
      Files.deleteIfExists(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot remove cgroup " + dir, e);
    }
  }

  private static String controllers() {
    try {
      return Files.readString(V2.resolve("cgroup.controllers"));
    } catch (IOException e) {
      return "";
    }
  }

  private String read(String file) {
    try {
      return Files.readString(dir.resolve(file)).trim();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void write(String file, String value) {
    try {
      Files.writeString(dir.resolve(file), value);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot set " + file + " of cgroup " + dir, e);
    }
  }

  private void writeIfPresent(String file, String value) {
    if (Files.exists(dir.resolve(file))) {
      write(file, value);
    }
  }
}
