package ai.fromscratch.web;

import ai.fromscratch.platform.ApiException;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import java.io.UncheckedIOException;
import org.primefaces.PrimeFaces;

/** Runs a page's action on a service and tells the user how it went, as the API would. */
final class PageActions {
  private PageActions() {}

  /**
   * Runs the action; on success shows {@code success} and starts the poll {@code pollWidget} so the
   * page follows what was started; on a refusal shows the API's own reason.
   */
  static void perform(Runnable action, String success, String pollWidget) {
    FacesContext faces = FacesContext.getCurrentInstance();
    try {
      action.run();
      faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, success, null));
      PrimeFaces.current()
          .executeScript("PF('" + pollWidget + "') && PF('" + pollWidget + "').start()");
    } catch (ApiException e) {
      faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_WARN, e.getMessage(), null));
    }
  }

  /**
   * Runs an action that is over when it returns; shows {@code success}, or the reason it was
   * refused or failed.
   */
  static void perform(Runnable action, String success) {
    FacesContext faces = FacesContext.getCurrentInstance();
    try {
      action.run();
      faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, success, null));
    } catch (ApiException | UncheckedIOException e) {
      faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, e.getMessage(), null));
    }
  }

  /** Stops the poll {@code pollWidget} once nothing it follows is running any more. */
  static void stopPollWhenIdle(boolean anyRunning, String pollWidget) {
    if (!anyRunning && FacesContext.getCurrentInstance().getPartialViewContext().isAjaxRequest()) {
      PrimeFaces.current()
          .executeScript("PF('" + pollWidget + "') && PF('" + pollWidget + "').stop()");
    }
  }
}
