package ai.fromscratch.platform;

import jakarta.servlet.http.HttpServletRequest;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * The client a request counts against, for rate limits and sign-in throttling. Behind {@code hops}
 * trusted proxies (TRUSTED_PROXY_HOPS; Render has one) it is the address the outermost of them
 * appended to X-Forwarded-For: entries to its left were written by the client and prove nothing.
 * Without trusted proxies it is the connection's address. IPv6 addresses count by their /64 prefix,
 * which one subscriber usually holds whole.
 */
public final class ClientAddress {
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

  private ClientAddress() {}

  public static String of(HttpServletRequest request, int hops) {
    return of(request.getHeader("X-Forwarded-For"), request.getRemoteAddr(), hops);
  }

  /**
   * @param forwardedFor the X-Forwarded-For header, or null
   * @param remote the connection's address
   */
  public static String of(String forwardedFor, String remote, int hops) {
    String address = remote;
    if (hops > 0 && forwardedFor != null && !forwardedFor.isBlank()) {
      String[] entries = forwardedFor.split(",");
      address = entries[Math.max(0, entries.length - hops)].strip();
    }
    String key = key(address);
    if (key == null) {
      key = key(remote);
    }
    return key == null ? remote : key;
  }

  /** The address's key, or null when it is not an IP address. */
  private static String key(String address) {
    String literal =
        address.startsWith("[") && address.endsWith("]")
            ? address.substring(1, address.length() - 1)
            : address;
    if (IPV4.matcher(literal).matches()) {
      return literal;
    }
    // Only literals are parsed: a name here would make InetAddress look it up in the DNS.
    if (!literal.contains(":") || !IPV6.matcher(literal).matches()) {
      return null;
    }
    try {
      InetAddress parsed = InetAddress.getByName(literal);
      if (parsed instanceof Inet6Address) {
        byte[] bytes = parsed.getAddress();
        return String.format(
            "%02x%02x:%02x%02x:%02x%02x:%02x%02x::/64",
            bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7]);
      }
      return parsed.getHostAddress();
    } catch (UnknownHostException e) {
      return null;
    }
  }
}
