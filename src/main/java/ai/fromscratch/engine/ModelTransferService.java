package ai.fromscratch.engine;

import ai.fromscratch.lm.ArpaReader;
import ai.fromscratch.lm.ArpaWriter;
import ai.fromscratch.lm.ModelFile;
import ai.fromscratch.lm.NgramModel;
import ai.fromscratch.platform.ApiException;
import ai.fromscratch.platform.DataDirectory;
import ai.fromscratch.platform.IncomingFile;
import ai.fromscratch.platform.Setting;
import ai.fromscratch.platform.Settings;
import ai.fromscratch.platform.UploadSpool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/**
 * Moves models between this app and other toolkits through the ARPA format: export of the active
 * model, and import of an ARPA file (KenLM's, say), which is checked whole before it replaces the
 * active model.
 */
@ApplicationScoped
public class ModelTransferService {
  static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

  @Inject Engine engine;
  @Inject Event<ModelImported> imported;
  @Inject GenerationService generation;
  @Inject UploadSpool spool;
  @Inject DataDirectory dataDirectory;
  @Inject Settings settings;

  public void exportArpa(Writer out) throws IOException {
    ArpaWriter.write(generation.requireModel().model(), out);
  }

  /**
   * Reads an ARPA file (plain or gzipped) as it arrives, stores it as a model and activates it. The
   * reading takes at most TRAINING_MEMORY_MB of heap (less when less is free): its higher orders
   * are sorted on disk, so an ARPA file from lmplz for a corpus far beyond this server reads too.
   */
  public ModelFacts importArpa(String fileName, InputStream content) throws IOException {
    long limit = (long) settings.getInt(Setting.MAX_UPLOAD_MB) << 20;
    IncomingFile incoming = spool.receive(content, limit);
    try {
      NgramModel model = read(incoming.path(), fileName, memoryBudget());
      Path file =
          dataDirectory
              .models()
              .resolve("arpa-" + STAMP.format(Instant.now()) + ModelStore.EXTENSION);
      ModelFile.save(
          file,
          model,
          Map.of(
              ModelMetadata.SOURCE,
              "arpa",
              ModelMetadata.CREATED_AT,
              Instant.now().toString(),
              "arpa_file",
              fileName == null ? "" : fileName,
              ActiveModel.LOWERCASE,
              "false"));
      ActiveModel activated = engine.activate(file);
      imported.fire(new ModelImported(activated.id()));
      return ModelFacts.of(activated);
    } finally {
      Files.deleteIfExists(incoming.path());
    }
  }

  private long memoryBudget() {
    long budget = (long) settings.getInt(Setting.TRAINING_MEMORY_MB) << 20;
    return Math.min(budget, HeapBudget.spareBytes());
  }

  private NgramModel read(Path arpa, String fileName, long memoryBudget) throws IOException {
    Path work = Files.createTempDirectory(dataDirectory.work(), "arpa-import-");
    try {
      return ArpaReader.read(arpa, memoryBudget, work);
    } catch (IOException | RuntimeException e) {
      throw new ApiException(
          422,
          "Not a usable ARPA model" + (fileName == null ? "" : " (" + fileName + ")"),
          e.getMessage());
    } finally {
      Files.deleteIfExists(work);
    }
  }
}
