package ai.fromscratch.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * When a test fails, writes a thread dump of every Liberty server this build is running to
 * target/thread-dumps: a request or a shutdown that hangs on a slower machine leaves its cause
 * there (and {@code .ci/run} prints the app's part of it), where a timeout alone says nothing.
 * Registered for every test through JUnit's extension autodetection.
 */
public class ServerThreadDumps implements TestWatcher {
  private static final Path BUILD = Path.of("target").toAbsolutePath();
  private static final Path DIRECTORY = BUILD.resolve("thread-dumps");
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HHmmss");

  @Override
  public void testFailed(ExtensionContext context, Throwable cause) {
    List<ProcessHandle> servers = libertyServersOfThisBuild();
    if (servers.isEmpty()) {
      return;
    }
    String test = context.getRequiredTestClass().getSimpleName() + "." + context.getDisplayName();
    servers.forEach(server -> dump(server, test));
  }

  private static List<ProcessHandle> libertyServersOfThisBuild() {
    String build = BUILD.toString();
    return ProcessHandle.allProcesses()
        .filter(
            process ->
                process
                    .info()
                    .commandLine()
                    .filter(line -> line.contains("ws-server.jar") && line.contains(build))
                    .isPresent())
        .toList();
  }

  private static void dump(ProcessHandle server, String test) {
    String name =
        LocalTime.now().format(TIME)
            + "-"
            + server.pid()
            + "-"
            + test.replaceAll("[^A-Za-z0-9.]+", "_")
            + ".txt";
    Path file = DIRECTORY.resolve(name.length() > 120 ? name.substring(0, 116) + ".txt" : name);
    String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
    try {
      Files.createDirectories(DIRECTORY);
      Process process =
          new ProcessBuilder(jcmd, Long.toString(server.pid()), "Thread.print", "-l")
              .redirectErrorStream(true)
              .redirectOutput(file.toFile())
              .start();
      if (process.waitFor(30, TimeUnit.SECONDS)) {
        System.out.println(
            "Threads of server process " + server.pid() + " when " + test + " failed: " + file);
      } else {
        process.destroyForcibly();
      }
    } catch (IOException e) {
      System.out.println("No thread dump of server process " + server.pid() + ": " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
