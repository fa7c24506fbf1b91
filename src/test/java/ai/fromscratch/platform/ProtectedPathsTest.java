package ai.fromscratch.platform;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ProtectedPathsTest {
  @Test
  void adminPagesAndDataApisAreProtected() {
    for (String path :
        new String[] {
          "/data",
          "/admin.xhtml",
          "/analytics",
          "/api/datasets",
          "/api/backups/x/restore",
          "/api/admin/exports/datasets",
          "/api/train/start",
          "/api/model/arpa",
          "/api/synth"
        }) {
      assertTrue(ProtectedPaths.isProtected("GET", path, false), path);
    }
    assertTrue(ProtectedPaths.isProtected("GET", "/api/ratings", false), "listing ratings");
  }

  @Test
  void chattingStaysPublicUnlessChatIsPrivate() {
    String[][] chat = {
      {"POST", "/api/chat"}, {"GET", "/api/chat/stream"}, {"GET", "/api/conversations"},
      {"DELETE", "/api/conversations/3"}, {"POST", "/api/ratings"}, {"GET", "/api/model"},
      {"POST", "/api/model/generate"}, {"GET", "/"}, {"GET", "/index.xhtml"}
    };
    for (String[] call : chat) {
      assertFalse(ProtectedPaths.isProtected(call[0], call[1], false), call[1]);
      assertTrue(ProtectedPaths.isProtected(call[0], call[1], true), call[1]);
    }
  }

  @Test
  void checksLoginAndResourcesAreAlwaysPublic() {
    for (String path :
        new String[] {
          "/api/keepalive",
          "/keepalive",
          "/login",
          "/login.xhtml",
          "/health/ready",
          "/jakarta.faces.resource/theme.css.xhtml",
          "/resources/js/chat.js"
        }) {
      assertFalse(ProtectedPaths.isProtected("GET", path, true), path);
    }
  }
}
