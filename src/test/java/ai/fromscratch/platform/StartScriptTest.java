package ai.fromscratch.platform;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The container's entry point, run as the container runs it: a SIGTERM (Render stopping the
 * instance) becomes the server's graceful stop, which runs the app's shutdown callbacks (and its
 * last backup) that a signal to the JVM skips.
 */
class StartScriptTest {
  @TempDir Path dir;

  @Test
  void sigtermStopsTheServerGracefullyAndWaitsForIt() throws Exception {
    Path stopped = dir.resolve("stopped");
    Path pid = dir.resolve("server.pid");
    Path server = dir.resolve("server.sh");
    Files.writeString(server, "echo $$ > " + pid + "\ntrap 'exit 0' TERM\nsleep 30 & wait\n");
    ProcessBuilder builder =
        new ProcessBuilder("sh", "liberty-config/start.sh", "sh", server.toString())
            .redirectErrorStream(true);
    // The graceful stop: here a stand-in that records it was asked, then ends the "server".
    builder
        .environment()
        .put("SERVER_STOP", "sh -c 'touch " + stopped + "; kill $(cat " + pid + ")'");
    builder.environment().remove("DB_URL");
    Process script = builder.start();
    for (int wait = 0; wait < 200 && !Files.exists(pid); wait++) {
      Thread.sleep(50);
    }
    Thread.sleep(200);

    script.toHandle().destroy();

    assertTrue(script.waitFor(20, TimeUnit.SECONDS), "the entry point ends once the server has");
    assertTrue(Files.exists(stopped), "SIGTERM became a graceful stop");
  }
}
