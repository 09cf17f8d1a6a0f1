package dev.grat.experiment;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Deterministic assignment: a visitor id and a salt map to a number in [0, 1) through SHA-256, so the same
 * visitor always lands in the same group, different salts give independent splits, and the split is uniform.
 */
public final class Bucketing {

    private Bucketing() {
    }

    /** The visitor's position in [0, 1) under this salt. */
    public static double unit(String salt, String visitorId) {
        byte[] hash = sha256().digest((salt + '\u0000' + visitorId).getBytes(StandardCharsets.UTF_8));
        long bits = 0;
        for (int i = 0; i < 7; i++) {
            bits = (bits << 8) | (hash[i] & 0xFF);
        }
        return (bits >>> 3) / (double) (1L << 53);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
