package ai.fromscratch.platform;

import jakarta.inject.Inject;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;

/**
 * Marks the session cookie Secure in production. Liberty does not set Secure by itself when a proxy
 * forwards HTTPS (as Render's does), and production runs behind one; a development server on plain
 * HTTP keeps a cookie the browser sends back. HttpOnly and SameSite=Lax come from web.xml.
 */
@WebListener
public class SessionCookiePolicy implements ServletContextListener {
  @Inject Settings settings;

  @Override
  public void contextInitialized(ServletContextEvent event) {
    if (settings.isProduction()) {
      event.getServletContext().getSessionCookieConfig().setSecure(true);
    }
  }
}
