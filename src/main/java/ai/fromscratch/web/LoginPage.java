package ai.fromscratch.web;

import ai.fromscratch.platform.AdminCookies;
import ai.fromscratch.platform.AdminCredential;
import ai.fromscratch.platform.AdminSignIn;
import ai.fromscratch.platform.Caller;
import ai.fromscratch.platform.ClientAddress;
import ai.fromscratch.platform.Setting;
import ai.fromscratch.platform.Settings;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Backs the login page: checks the admin credential, sets the signed sign-in cookie ({@link
 * AdminCookies}, which any instance accepts) and goes back to the page asked for.
 */
@Named
@RequestScoped
public class LoginPage {
  @Inject AdminSignIn signIn;
  @Inject AdminCookies admins;
  @Inject Settings settings;
  @Inject Caller caller;

  private String user = AdminCredential.USER;
  private String password;
  private String next;

  public void login() throws IOException {
    FacesContext faces = FacesContext.getCurrentInstance();
    ExternalContext external = faces.getExternalContext();
    HttpServletRequest request = (HttpServletRequest) external.getRequest();
    AdminSignIn.Attempt attempt =
        signIn.withPassword(
            ClientAddress.of(request, settings.getInt(Setting.TRUSTED_PROXY_HOPS)), user, password);
    if (!attempt.accepted()) {
      String message =
          attempt.throttled()
              ? "Too many failed sign-ins: try again in "
                  + Math.max(1, attempt.retryAfter().toSeconds())
                  + " s"
              : "Wrong user or password";
      faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, message, null));
      return;
    }
    admins.signIn(request, (HttpServletResponse) external.getResponse());
    external.redirect(external.getRequestContextPath() + safeNext());
  }

  public void logout() throws IOException {
    ExternalContext external = FacesContext.getCurrentInstance().getExternalContext();
    admins.signOut(
        (HttpServletRequest) external.getRequest(), (HttpServletResponse) external.getResponse());
    external.invalidateSession();
    external.redirect(external.getRequestContextPath() + "/");
  }

  public boolean isSignedIn() {
    return caller.admin();
  }

  /** Only a path of this app: never another site (an open redirect). */
  private String safeNext() {
    return next != null && next.startsWith("/") && !next.startsWith("//") && !next.contains("\\")
        ? next
        : "/admin";
  }

  public String getUser() {
    return user;
  }

  public void setUser(String user) {
    this.user = user;
  }

  public String getPassword() {
    return password;
  }

  public void setPassword(String password) {
    this.password = password;
  }

  public String getNext() {
    return next;
  }

  public void setNext(String next) {
    this.next = next;
  }
}
