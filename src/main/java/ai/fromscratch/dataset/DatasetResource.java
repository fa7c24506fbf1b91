package ai.fromscratch.dataset;

import ai.fromscratch.platform.ApiException;
import ai.fromscratch.platform.MultipartFormReader;
import ai.fromscratch.platform.Params;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.List;

/** {@code /api/datasets}: upload (multipart, or the file as the body), list, browse, delete. */
@Path("datasets")
@Produces(MediaType.APPLICATION_JSON)
public class DatasetResource {
  @Inject DatasetImportService imports;
  @Inject DatasetService datasets;

  /**
   * The form's first file part is the dataset file; it streams through without buffering. With
   * {@code ?partial=true} a JSON document cut short keeps the records before the cut.
   */
  @POST
  @Consumes(MediaType.MULTIPART_FORM_DATA)
  public Response upload(
      @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
      @QueryParam("partial") String partial,
      InputStream body)
      throws IOException {
    MultipartFormReader.Part file =
        new MultipartFormReader(body, contentType)
            .nextFile()
            .orElseThrow(() -> ApiException.badRequest("The form has no file part"));
    return created(imports.upload(file.fileName(), file.content(), keepPartial(partial)));
  }

  /** The file as the request body, named by {@code ?name=} (for curl and scripts). */
  @POST
  @Consumes({
    MediaType.APPLICATION_JSON,
    "application/x-ndjson",
    "application/jsonl",
    "application/zip",
    MediaType.APPLICATION_OCTET_STREAM
  })
  public Response uploadBody(
      @QueryParam("name") String name, @QueryParam("partial") String partial, InputStream body)
      throws IOException {
    return created(imports.upload(name, body, keepPartial(partial)));
  }

  private static boolean keepPartial(String partial) {
    return Params.boolParam("partial", partial, false);
  }

  @GET
  public List<DatasetJson> list() {
    return datasets.list();
  }

  @GET
  @Path("{id}")
  public DatasetJson get(@PathParam("id") long id) {
    return datasets.get(id);
  }

  @GET
  @Path("{id}/records")
  public RecordPage records(
      @PathParam("id") long id,
      @QueryParam("offset") String offset,
      @QueryParam("limit") String limit) {
    return datasets.records(
        id,
        Params.intParam("offset", offset, 0, 0, Integer.MAX_VALUE),
        Params.intParam("limit", limit, 50, 1, DatasetService.MAX_PAGE));
  }

  @DELETE
  @Path("{id}")
  public Response delete(@PathParam("id") long id) {
    datasets.delete(id);
    return Response.noContent().build();
  }

  private static Response created(UploadReport report) {
    return Response.created(URI.create("datasets/" + report.dataset().id())).entity(report).build();
  }
}
