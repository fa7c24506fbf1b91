package ai.fromscratch.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The configuration table (docs/configuration.md) is the users' reference: it must list every
 * setting with its real default.
 */
class SettingsTableTest {

  @Test
  void theConfigurationPageListsEverySettingWithItsDefaultAndMeaning() throws IOException {
    String readme = Files.readString(Path.of("docs", "configuration.md"));
    String table =
        readme.substring(
            readme.indexOf("<!-- settings-table"), readme.indexOf("<!-- end settings-table"));
    List<String> rows = table.lines().filter(line -> line.startsWith("| `")).toList();

    List<String> expected =
        Arrays.stream(Setting.values())
            .map(
                s ->
                    "| `"
                        + s.name()
                        + "` | "
                        + (s.defaultValue().isEmpty() ? "(empty)" : "`" + s.defaultValue() + "`")
                        + " | "
                        + s.description()
                        + " |")
            .toList();
    assertEquals(expected, rows);
  }
}
