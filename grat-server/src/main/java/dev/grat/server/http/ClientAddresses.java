package dev.grat.server.http;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.HexFormat;
import java.util.List;

/**
 * The client a request comes from, as the key of its per-source rate limit. Behind a trusted reverse proxy the
 * client is the rightmost {@code X-Forwarded-For} entry that is not itself a trusted proxy; entries further left
 * were written by the client and could be anything, so they are never believed. Addresses are parsed as literals,
 * never looked up in DNS. An IPv6 client counts by its /64 block, which one host usually holds whole.
 */
final class ClientAddresses {

    /** Most X-Forwarded-For entries looked at: bounds the work a long forged header can cause. */
    private static final int MAX_HOPS = 16;

    private final List<Block> trusted;

    ClientAddresses(List<String> trustedBlocks) {
        this.trusted = trustedBlocks.stream().map(Block::parse).toList();
    }

    /**
     * The source key of a request from {@code peer} (the TCP peer) with the given {@code X-Forwarded-For} header
     * (null when absent).
     */
    String sourceOf(InetAddress peer, String forwardedFor) {
        InetAddress client = peer;
        if (forwardedFor != null && isTrusted(peer)) {
            String[] hops = forwardedFor.split(",", -1);
            for (int i = hops.length - 1; i >= Math.max(0, hops.length - MAX_HOPS); i--) {
                InetAddress hop = literal(hops[i]);
                if (hop == null) {
                    break; // unreadable: keep the proxy that wrote it as the source
                }
                client = hop;
                if (!isTrusted(hop)) {
                    break;
                }
            }
        }
        return key(client);
    }

    private boolean isTrusted(InetAddress address) {
        return trusted.stream().anyMatch(block -> block.contains(address));
    }

    static String key(InetAddress address) {
        if (address instanceof Inet6Address) {
            byte[] bytes = address.getAddress();
            return HexFormat.of().formatHex(bytes, 0, 8) + "::/64";
        }
        return address.getHostAddress();
    }

    /** An address literal, as proxies write it ({@code 203.0.113.7}, {@code 203.0.113.7:4711}, {@code [2001:db8::1]}). */
    static InetAddress literal(String hop) {
        String value = hop.trim();
        if (value.startsWith("[")) {
            int end = value.indexOf(']');
            value = end < 0 ? value : value.substring(1, end);
        } else if (value.indexOf(':') == value.lastIndexOf(':') && value.indexOf(':') > 0) {
            value = value.substring(0, value.indexOf(':')); // IPv4 with a port
        }
        try {
            return value.isEmpty() ? null : InetAddress.ofLiteral(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** An address block: the network's bytes and the prefix length. */
    private record Block(byte[] network, int prefix) {

        static Block parse(String block) {
            int slash = block.indexOf('/');
            byte[] network = InetAddress.ofLiteral(slash < 0 ? block : block.substring(0, slash)).getAddress();
            int prefix = slash < 0 ? network.length * 8 : Integer.parseInt(block.substring(slash + 1));
            return new Block(network, prefix);
        }

        boolean contains(InetAddress address) {
            byte[] bytes = address.getAddress();
            if (bytes.length != network.length) {
                return false;
            }
            for (int bit = 0; bit < prefix; bit++) {
                int mask = 0x80 >>> (bit % 8);
                if ((bytes[bit / 8] & mask) != (network[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }
}
