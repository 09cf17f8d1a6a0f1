package dev.grat.privacy.pseudonym;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

/**
 * One key of the pseudonym keyring: a short id that is written into every pseudonym made with it (so that a
 * pseudonym names its key) and a secret of at least 32 bytes for HMAC-SHA-256. The secret never leaves this class.
 */
public final class PseudonymKey {

    /** The shortest secret accepted: the HMAC-SHA-256 output size. */
    public static final int MIN_SECRET_BYTES = 32;
    private static final int MAX_ID_LENGTH = 16;
    private static final String ALGORITHM = "HmacSHA256";

    private final String id;
    private final Mac prototype;

    private PseudonymKey(String id, byte[] secret) {
        this.id = id;
        try {
            prototype = Mac.getInstance(ALGORITHM);
            prototype.init(new SecretKeySpec(secret, ALGORITHM));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime has " + ALGORITHM, e);
        }
    }

    /**
     * A key from its id (1 to 16 letters and digits) and secret (at least 32 bytes).
     *
     * @throws IllegalArgumentException naming what is wrong (never the secret itself)
     */
    public static PseudonymKey of(String id, byte[] secret) {
        if (id == null || id.isEmpty() || id.length() > MAX_ID_LENGTH
                || !id.chars().allMatch(c -> c < 128 && Character.isLetterOrDigit(c))) {
            throw new IllegalArgumentException("a pseudonym key id must be 1 to " + MAX_ID_LENGTH
                    + " ASCII letters and digits, was \"" + id + "\"");
        }
        if (secret == null || secret.length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("pseudonym key \"" + id + "\" has " + (secret == null ? 0 : secret.length)
                    + " bytes; it needs at least " + MIN_SECRET_BYTES);
        }
        return new PseudonymKey(id, secret.clone());
    }

    public String id() {
        return id;
    }

    /** {@code p.<id>.<HMAC-SHA-256 of the domain-separated value, base64url without padding>}: 43 characters of MAC. */
    String pseudonymOf(String domain, String value) {
        Mac mac = mac();
        mac.update(domain.getBytes(StandardCharsets.UTF_8));
        mac.update((byte) 0);
        byte[] digest = mac.doFinal(value.getBytes(StandardCharsets.UTF_8));
        return "p." + id + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    }

    /** A copy of the initialised MAC: cheaper than a new instance, and a {@link Mac} is not thread-safe. */
    private Mac mac() {
        try {
            return (Mac) prototype.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("the " + ALGORITHM + " provider cannot copy a MAC", e);
        }
    }

    @Override
    public String toString() {
        return "PseudonymKey[" + id + "]";
    }
}
