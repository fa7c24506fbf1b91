package ai.fromscratch.platform;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Caps the bodies anyone may send to the public API at {@link #PUBLIC_MAX_BYTES}, as they arrive: a
 * declared length over it gets a 413 before anything is read, a chunked body a 413 once it passes
 * the cap. A chat message or a rating needs a few kilobytes; sixteen 8 MB bodies parsed at once
 * ended the JVM. The admin (and the protected paths, which only the admin reaches) keep the larger
 * caps of the JSON reader and the uploads.
 */
// Mapped in web.xml, after the caller filter, which tells the admin apart.
public class BodyLimitFilter extends HttpFilter {
  private static final long serialVersionUID = 1L;
  public static final int PUBLIC_MAX_BYTES = 64 * 1024;

  @Inject Settings settings;

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    if (!isPublic(request)) {
      chain.doFilter(request, response);
      return;
    }
    if (request.getContentLengthLong() > PUBLIC_MAX_BYTES) {
      FilterReplies.error(response, 413, tooLarge().getMessage());
      return;
    }
    chain.doFilter(new Capped(request), response);
  }

  private boolean isPublic(HttpServletRequest request) {
    return !Caller.of(request).admin()
        && !ProtectedPaths.isProtected(
            request.getMethod(),
            RequestPath.of(request),
            settings.getBoolean(Setting.CHAT_PRIVATE));
  }

  private static ApiException tooLarge() {
    return new ApiException(
        413, "The request body is larger than " + PUBLIC_MAX_BYTES / 1024 + " KB");
  }

  /** The request with its body cut off, by a 413, past the cap. */
  private static final class Capped extends HttpServletRequestWrapper {
    private ServletInputStream capped;

    Capped(HttpServletRequest request) {
      super(request);
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
      if (capped == null) {
        capped = new CappedStream(super.getInputStream());
      }
      return capped;
    }
  }

  private static final class CappedStream extends ServletInputStream {
    private final ServletInputStream in;
    private long read;

    CappedStream(ServletInputStream in) {
      this.in = in;
    }

    @Override
    public int read() throws IOException {
      int b = in.read();
      count(b < 0 ? 0 : 1);
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = in.read(buffer, offset, length);
      count(Math.max(n, 0));
      return n;
    }

    private void count(int n) {
      read += n;
      if (read > PUBLIC_MAX_BYTES) {
        throw tooLarge();
      }
    }

    @Override
    public boolean isFinished() {
      return in.isFinished();
    }

    @Override
    public boolean isReady() {
      return in.isReady();
    }

    @Override
    public void setReadListener(ReadListener listener) {
      in.setReadListener(listener);
    }
  }
}
