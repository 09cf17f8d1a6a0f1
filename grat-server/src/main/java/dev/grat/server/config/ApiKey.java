package dev.grat.server.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * An API key, held only as its SHA-256 digest: the value itself is not kept once the key is made. Its
 * {@link #toString()} never shows the key, so that a key cannot reach a log by accident, and
 * {@link #matches(String)} takes the same time however much of a guess is right. Whether the value looked like a
 * placeholder or was too uniform to be random is decided when the key is made ({@link #weakness()}).
 */
public final class ApiKey {

    /** Keys shorter than this are refused: they could be guessed. */
    public static final int MIN_LENGTH = 24;

    /** Fewer distinct characters than this and a key is too uniform to be random ({@code xxxx...}, {@code abab...}). */
    static final int MIN_DISTINCT_CHARACTERS = 8;

    /**
     * Words of placeholder and default keys from examples, compared without case and separators. Each has at least
     * seven letters, so that a random key contains one by chance with a probability below one in a billion.
     */
    private static final List<String> PLACEHOLDER_WORDS = List.of("changeme", "changethis", "replaceme",
            "replacewith", "yoursecret", "yourapikey", "yourkey", "example", "placeholder", "default", "password",
            "secretkey", "publishablekey", "insertkey");

    private final byte[] digest;
    private final int length;
    private final Optional<String> weakness;

    private ApiKey(String value) {
        this.digest = sha256(value);
        this.length = value.length();
        this.weakness = weaknessOf(value);
    }

    /** A key with the given value; blank values are refused. */
    public static ApiKey of(String value) {
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) {
            throw new IllegalArgumentException("an API key must not be blank");
        }
        return new ApiKey(value);
    }

    /** A new random key: the prefix and 32 random bytes, base64url-encoded (43 characters). */
    public static String generate(String prefix, SecureRandom random) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * Whether the presented value is this key. Both sides are hashed first, so the comparison's time depends
     * neither on the key's length nor on how many leading characters of the guess are right.
     */
    public boolean matches(String presented) {
        return presented != null && MessageDigest.isEqual(digest, sha256(presented));
    }

    /** The number of characters of the key. */
    public int length() {
        return length;
    }

    /**
     * Why the key is unsafe although long enough, without quoting it: a placeholder or default from an example, or
     * too few distinct characters. Empty for a key that looks random.
     */
    public Optional<String> weakness() {
        return weakness;
    }

    /** Whether both are the same key (compared by digest, in constant time). */
    public boolean sameAs(ApiKey other) {
        return MessageDigest.isEqual(digest, other.digest);
    }

    private static Optional<String> weaknessOf(String value) {
        String letters = value.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        for (String word : PLACEHOLDER_WORDS) {
            if (letters.contains(word)) {
                return Optional.of("looks like a placeholder or an example key (it contains \"" + word
                        + "\"); generate a random one, e.g. openssl rand -base64 32");
            }
        }
        long distinct = value.chars().distinct().count();
        if (distinct < MIN_DISTINCT_CHARACTERS) {
            return Optional.of("has only " + distinct + " distinct characters, too few for a random key;"
                    + " generate one, e.g. openssl rand -base64 32");
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return "****** (" + length + " characters)";
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
