package ai.fromscratch.insights;

import ai.fromscratch.chat.RatingFilter;
import ai.fromscratch.platform.Params;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/**
 * {@code /api/admin/exports}: downloads of the conversations ({@code
 * conversations?format=jsonl|csv|openai|alpaca&rating=up|down|all}) and of the datasets' records
 * ({@code datasets?ids=1,2}, all datasets without ids), streamed as they are read.
 */
@Path("admin/exports")
public class ExportResource {
  @Inject ExportService exports;

  @GET
  @Path("conversations")
  public Response conversations(
      @QueryParam("format") String format, @QueryParam("rating") String rating) {
    ExportFormat chosen = ExportFormat.of(format);
    int value = RatingFilter.value(rating);
    return download(
        chosen.mediaType(),
        chosen.fileName("conversations-" + today()),
        out -> exports.exportConversations(chosen, value, out));
  }

  @GET
  @Path("datasets")
  public Response datasets(@QueryParam("ids") String ids) {
    List<Long> chosen = exports.datasetsToExport(Params.ids("ids", ids));
    return download(
        ExportFormat.JSONL.mediaType(),
        "datasets-" + today() + ".jsonl",
        out -> exports.exportDatasets(chosen, out));
  }

  /** Something that writes an export. */
  @FunctionalInterface
  private interface Export {
    void writeTo(Writer out) throws IOException;
  }

  /** Validation has happened by now: the export streams, and its name comes with it. */
  private static Response download(String mediaType, String fileName, Export export) {
    StreamingOutput body =
        stream -> {
          Writer out =
              new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 1 << 16);
          export.writeTo(out);
          out.flush();
        };
    return Response.ok(body, MediaType.valueOf(mediaType + ";charset=UTF-8"))
        .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + fileName + "\"")
        .build();
  }

  private static String today() {
    return LocalDate.now(ZoneOffset.UTC).toString();
  }
}
