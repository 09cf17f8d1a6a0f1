package dev.grat.store.sqlite;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;

/**
 * Keyed hashes of identifiers (HMAC-SHA-256 cut to 128 bits), so that tables find visitors, customers and event
 * ids without holding them. Each kind of identifier is hashed in its own domain. One instance per thread of use:
 * the underlying {@link Mac} keeps state. The same scheme as the PostgreSQL store's (the modules share no code).
 */
final class Blinder {

    static final int HASH_BYTES = 16;

    enum Domain {
        VISITOR, CUSTOMER, EVENT_ID
    }

    private final Mac mac;

    Blinder(byte[] hashKey) {
        try {
            mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(hashKey, "HmacSHA256"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA-256 is part of every Java runtime, but failed: " + e, e);
        }
    }

    byte[] hash(Domain domain, String value) {
        mac.update((byte) domain.ordinal());
        return Arrays.copyOf(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)), HASH_BYTES);
    }
}
