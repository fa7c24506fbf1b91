package ai.fromscratch.platform;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyReader;
import jakarta.ws.rs.ext.Provider;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;

/**
 * Reads the API's JSON request bodies. The built-in reader hands a JSON array to a method that
 * takes an object, which then failed with a 500; here any body that is not an object gets a 400
 * saying so, and a body over {@link #MAX_BYTES} a 413 before it fills the heap.
 */
@Provider
@Consumes(MediaType.APPLICATION_JSON)
public class JsonObjectBodyReader implements MessageBodyReader<JsonObject> {
  /** The largest JSON body: room for the longest text the API scores (a million characters). */
  public static final long MAX_BYTES = 8L * 1024 * 1024;

  @Override
  public boolean isReadable(
      Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
    return type == JsonObject.class;
  }

  @Override
  public JsonObject readFrom(
      Class<JsonObject> type,
      Type genericType,
      Annotation[] annotations,
      MediaType mediaType,
      MultivaluedMap<String, String> headers,
      InputStream body) {
    String length = headers.getFirst("Content-Length");
    if (length != null && length.matches("\\d{1,18}") && Long.parseLong(length) > MAX_BYTES) {
      throw tooLarge();
    }
    // JSON over HTTP is UTF-8 (RFC 8259): no guessing, which an empty body would fail.
    JsonValue value =
        BoundedJson.read(new InputStreamReader(new LimitedStream(body), StandardCharsets.UTF_8));
    if (value.getValueType() != JsonValue.ValueType.OBJECT) {
      throw ApiException.badRequest("The request body must be a JSON object");
    }
    return value.asJsonObject();
  }

  private static ApiException tooLarge() {
    return new ApiException(
        413, "The request body is larger than " + MAX_BYTES / (1024 * 1024) + " MB");
  }

  /** Stops reading, with a 413, once the body passes the limit (chunked bodies have no length). */
  private static final class LimitedStream extends FilterInputStream {
    private long read;

    LimitedStream(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      count(b < 0 ? 0 : 1);
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = super.read(buffer, offset, length);
      count(Math.max(n, 0));
      return n;
    }

    private void count(int n) {
      read += n;
      if (read > MAX_BYTES) {
        throw tooLarge();
      }
    }
  }
}
