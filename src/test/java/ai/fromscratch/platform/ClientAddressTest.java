package ai.fromscratch.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ClientAddressTest {
  @Test
  void withoutTrustedProxiesTheConnectionIsTheClientWhateverTheHeaderClaims() {
    assertEquals("203.0.113.9", ClientAddress.of("198.51.100.1", "203.0.113.9", 0));
  }

  @Test
  void behindOneProxyTheClientIsTheEntryItAppendedNotOneTheClientWrote() {
    assertEquals("198.51.100.7", ClientAddress.of("6.6.6.6, 7.7.7.7, 198.51.100.7", "10.0.0.2", 1));
    assertEquals("7.7.7.7", ClientAddress.of("6.6.6.6, 7.7.7.7, 198.51.100.7", "10.0.0.2", 2));
  }

  @Test
  void moreTrustedHopsThanEntriesTakeTheFirstEntry() {
    assertEquals("198.51.100.7", ClientAddress.of("198.51.100.7", "10.0.0.2", 3));
  }

  @Test
  void anIpv6ClientCountsByItsSlash64() {
    String a = ClientAddress.of("2001:db8:aa:bb:1:2:3:4", "10.0.0.2", 1);
    String b = ClientAddress.of("2001:db8:aa:bb:ffff::9", "10.0.0.2", 1);

    assertEquals("2001:0db8:00aa:00bb::/64", a);
    assertEquals(a, b);
    assertEquals("2001:0db8:00aa:00bc::/64", ClientAddress.of("[2001:db8:aa:bc::1]", "x", 1));
  }

  @Test
  void aForwardedValueThatIsNoAddressFallsBackToTheConnectionWithoutALookup() {
    assertEquals("10.0.0.2", ClientAddress.of("evil.example.com", "10.0.0.2", 1));
    assertEquals("10.0.0.2", ClientAddress.of("unknown", "10.0.0.2", 1));
    assertEquals("10.0.0.2", ClientAddress.of(" ", "10.0.0.2", 1));
  }
}
