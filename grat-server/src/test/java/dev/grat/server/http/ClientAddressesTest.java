package dev.grat.server.http;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ClientAddressesTest {

    private final ClientAddresses behindProxy = new ClientAddresses(List.of("10.0.0.0/8", "192.0.2.10"));

    @Test
    void forwardedFor_isIgnoredFromAPeerThatIsNoTrustedProxy() {
        assertThat(behindProxy.sourceOf(ip("203.0.113.7"), "198.51.100.1")).isEqualTo("203.0.113.7");
        assertThat(new ClientAddresses(List.of()).sourceOf(ip("10.1.2.3"), "198.51.100.1")).isEqualTo("10.1.2.3");
    }

    @Test
    void behindTrustedProxies_theClientIsTheRightmostUntrustedHop_soForgedEntriesOnTheLeftDoNotCount() {
        assertThat(behindProxy.sourceOf(ip("10.1.2.3"), "198.51.100.1")).isEqualTo("198.51.100.1");
        assertThat(behindProxy.sourceOf(ip("10.1.2.3"), "1.1.1.1, 2.2.2.2, 198.51.100.1, 192.0.2.10"))
                .isEqualTo("198.51.100.1");
        assertThat(behindProxy.sourceOf(ip("10.1.2.3"), "198.51.100.1:4711")).isEqualTo("198.51.100.1");
    }

    @Test
    void anUnreadableHop_leavesTheProxyThatWroteItAsTheSource() {
        assertThat(behindProxy.sourceOf(ip("10.1.2.3"), "evil.example")).isEqualTo("10.1.2.3");
        assertThat(behindProxy.sourceOf(ip("10.1.2.3"), "198.51.100.1, ")).isEqualTo("10.1.2.3");
    }

    @Test
    void ipv6Clients_countPer64Block() {
        String first = behindProxy.sourceOf(ip("2001:db8:1:2::1"), null);
        String sameBlock = behindProxy.sourceOf(ip("2001:db8:1:2:ffff::9"), null);
        String otherBlock = behindProxy.sourceOf(ip("2001:db8:1:3::1"), null);

        assertThat(first).isEqualTo(sameBlock).isNotEqualTo(otherBlock).endsWith("/64");
        assertThat(behindProxy.sourceOf(ip("10.0.0.1"), "[2001:db8:1:2::7]")).isEqualTo(first);
    }

    private static InetAddress ip(String literal) {
        return InetAddress.ofLiteral(literal);
    }
}
