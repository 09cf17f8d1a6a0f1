package dev.grat.store.sealed;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;

/**
 * Keyed hashes of identifiers (HMAC-SHA-256 cut to 128 bits), so that tables find visitors, customers and event
 * ids without holding them. Each kind of identifier is hashed in its own domain. One instance per thread of use:
 * the underlying {@link Mac} keeps state.
 */
public final class Blinder {

    /** The length of every hash. */
    public static final int HASH_BYTES = 16;
    /** The PostgreSQL store spreads visitors over this many partitions of its subjects by their hash's first byte. */
    public static final int BUCKETS = 16;

    /** The kind of identifier hashed; its ordinal is part of the hashed bytes. */
    public enum Domain {
        // Appended only: the ordinal is part of every stored hash.
        VISITOR, CUSTOMER, EVENT_ID
    }

    private final Mac mac;

    /** A blinder with the store's hash key. */
    public Blinder(byte[] hashKey) {
        try {
            mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(hashKey, "HmacSHA256"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA-256 is part of every Java runtime, but failed: " + e, e);
        }
    }

    /** The keyed hash of {@code value} in {@code domain}, {@link #HASH_BYTES} long. */
    public byte[] hash(Domain domain, String value) {
        mac.update((byte) domain.ordinal());
        return Arrays.copyOf(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)), HASH_BYTES);
    }

    /** The partition of a visitor hash, from 0 to {@link #BUCKETS} - 1. */
    public static int bucket(byte[] visitorHash) {
        return (visitorHash[0] & 0xff) % BUCKETS;
    }
}
