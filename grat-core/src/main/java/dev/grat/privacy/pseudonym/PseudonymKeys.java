package dev.grat.privacy.pseudonym;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The keyring of the pseudonyms: the first key is current and makes every new pseudonym; the others are older keys,
 * kept so that records pseudonymised with them are still found (linking, erasure by customer id). Written
 * {@code id:base64,id:base64,...} (standard or URL-safe base64 of at least 32 bytes; the first is current).
 */
public final class PseudonymKeys {

    private final List<PseudonymKey> keys;

    private PseudonymKeys(List<PseudonymKey> keys) {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("a pseudonym keyring needs at least one key");
        }
        Set<String> ids = new HashSet<>();
        for (PseudonymKey key : keys) {
            if (!ids.add(key.id())) {
                throw new IllegalArgumentException("pseudonym key id \"" + key.id() + "\" is used twice");
            }
        }
        this.keys = List.copyOf(keys);
    }

    /** A keyring of these keys, the current one first. */
    public static PseudonymKeys of(List<PseudonymKey> keys) {
        return new PseudonymKeys(keys);
    }

    /**
     * Reads {@code id:base64,id:base64,...} (commas or line breaks between keys, lines starting with {@code #} are
     * comments; the first key is current).
     *
     * @throws IllegalArgumentException naming the key at fault, never showing a secret
     */
    public static PseudonymKeys parse(String text) {
        List<PseudonymKey> keys = new ArrayList<>();
        List<String> entries = text.lines().map(String::trim).filter(line -> !line.startsWith("#"))
                .flatMap(line -> Arrays.stream(line.split(","))).map(String::trim)
                .filter(entry -> !entry.isEmpty()).toList();
        for (String entry : entries) {
            int colon = entry.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("pseudonym keys must be written id:base64,id:base64 (the first is"
                        + " current); entry " + (keys.size() + 1) + " has no id");
            }
            String id = entry.substring(0, colon).trim();
            keys.add(PseudonymKey.of(id, decode(id, entry.substring(colon + 1).trim())));
        }
        return new PseudonymKeys(keys);
    }

    /** A keyring of one new random key with the given id. */
    public static PseudonymKeys generate(String id, SecureRandom random) {
        return new PseudonymKeys(List.of(PseudonymKey.of(id, newSecret(random))));
    }

    /** A fresh random secret of 32 bytes, base64-encoded, for writing a key into a configuration or file. */
    public static String newEncodedSecret(SecureRandom random) {
        return Base64.getEncoder().encodeToString(newSecret(random));
    }

    /** The key that makes new pseudonyms. */
    public PseudonymKey current() {
        return keys.getFirst();
    }

    /** Every key, the current one first. */
    public List<PseudonymKey> all() {
        return keys;
    }

    /** The key with this id, if the keyring holds it. */
    public Optional<PseudonymKey> byId(String id) {
        return keys.stream().filter(key -> key.id().equals(id)).findFirst();
    }

    private static byte[] newSecret(SecureRandom random) {
        byte[] secret = new byte[PseudonymKey.MIN_SECRET_BYTES];
        random.nextBytes(secret);
        return secret;
    }

    private static byte[] decode(String id, String encoded) {
        try {
            return encoded.indexOf('-') >= 0 || encoded.indexOf('_') >= 0
                    ? Base64.getUrlDecoder().decode(encoded) : Base64.getDecoder().decode(encoded);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("pseudonym key \"" + id + "\" is not valid base64");
        }
    }

    @Override
    public String toString() {
        return "PseudonymKeys" + keys.stream().map(PseudonymKey::id).toList();
    }
}
