package ai.fromscratch.chat;

import ai.fromscratch.platform.DataRestored;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.logging.Logger;

/**
 * Gives the conversations from before owners existed to the admin: those in the database when the
 * OWNER column is added at start-up, and those a restored backup of that time brings back. No
 * visitor can prove they made them, so only the admin sees them.
 */
@ApplicationScoped
public class OwnerlessConversations {
  private static final Logger LOG = Logger.getLogger(OwnerlessConversations.class.getName());

  @Inject ChatStore store;

  void onStart(@Observes @Initialized(ApplicationScoped.class) Object context) {
    giveToAdmin();
  }

  void onRestore(@Observes DataRestored restored) {
    giveToAdmin();
  }

  private void giveToAdmin() {
    int given = store.giveOwnerlessToAdmin();
    if (given > 0) {
      LOG.info(() -> given + " conversations from before owners existed are now the admin's");
    }
  }
}
