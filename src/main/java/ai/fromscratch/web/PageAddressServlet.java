package ai.fromscratch.web;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Serves the pages at short addresses (/data for /data.xhtml). Mojarra's automatic extensionless
 * mapping would do it too, but registers mappings that change how it builds other URLs, so the
 * short addresses are forwarded here instead.
 */
@WebServlet(urlPatterns = {"/data", "/admin", "/analytics", "/keepalive", "/login"})
public class PageAddressServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response)
      throws IOException, ServletException {
    request.getRequestDispatcher(request.getServletPath() + ".xhtml").forward(request, response);
  }
}
