package ai.fromscratch.platform;

import java.util.Set;

/**
 * Which requests need the admin credential: the Data, Admin and Analytics pages and every API that
 * changes or exports the owner's data. Chatting (the chat API, conversations, rating an answer,
 * generating with the model) and the health and keepalive checks stay public, unless chat is made
 * private too.
 */
public final class ProtectedPaths {
  private static final Set<String> ADMIN_PAGES = Set.of("/data", "/admin", "/analytics");
  private static final Set<String> ALWAYS_PUBLIC = Set.of("/api/keepalive", "/keepalive", "/login");

  private ProtectedPaths() {}

  /**
   * @param path the request's path inside the application, such as {@code /api/datasets}
   */
  public static boolean isProtected(String method, String path, boolean chatPrivate) {
    String page = path.endsWith(".xhtml") ? path.substring(0, path.length() - 6) : path;
    if (ALWAYS_PUBLIC.contains(page) || isStatic(path)) {
      return false;
    }
    if (chatPrivate) {
      return true;
    }
    if (ADMIN_PAGES.contains(page)) {
      return true;
    }
    if (!path.startsWith("/api/")) {
      return false;
    }
    return !isChatApi(method, path);
  }

  private static boolean isStatic(String path) {
    return path.startsWith("/jakarta.faces.resource/")
        || path.startsWith("/resources/")
        || path.startsWith("/health")
        || path.startsWith("/openapi");
  }

  private static boolean isChatApi(String method, String path) {
    return path.equals("/api/chat")
        || path.equals("/api/chat/stream")
        || path.equals("/api/conversations")
        || path.startsWith("/api/conversations/")
        || (path.equals("/api/ratings") && method.equals("POST"))
        || (path.equals("/api/model") && method.equals("GET"))
        || path.equals("/api/model/generate")
        || path.equals("/api/model/perplexity");
  }
}
