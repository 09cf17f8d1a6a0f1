package dev.grat.consent;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The hash chain of the consent ledger. Every entry's hash is SHA-256 over a canonical encoding of its place in
 * the chain and its content; the next entry carries it as its previous hash, so changing, removing or reordering
 * a stored entry breaks the chain where it happened ({@link LedgerVerifier}).
 *
 * <p>Encoding, format {@value #FORMAT}: the text {@code grat-consent-ledger}, the format number, then sequence,
 * previous hash, salt, visitor id, the granted purposes' wire names sorted alphabetically (so adding a purpose
 * to the enum changes no stored hash), recordedAt in epoch milliseconds, source, policy version, GPC, notice hash,
 * objected, restricted. Numbers are big-endian, booleans one byte, strings their UTF-8 bytes after a 4-byte
 * length (-1 for null). The random salt makes the hash of a tombstone impossible to link to the erased visitor
 * by guessing their id and answers.
 */
public final class ConsentChain {

    /** The version of the encoding, part of every hashed byte string. */
    public static final int FORMAT = 1;
    /** The previous hash of the first entry. */
    public static final String GENESIS = "0".repeat(64);
    /** Bytes of randomness in a salt. */
    public static final int SALT_BYTES = 16;

    private static final HexFormat HEX = HexFormat.of();

    private ConsentChain() {
    }

    /** A new random salt, as hex. */
    public static String newSalt(RandomGenerator random) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        return HEX.formatHex(salt);
    }

    /** The link an entry gets when appended after {@code head} (null: the ledger is empty). */
    public static LedgerLink next(LedgerLink head, String salt, ConsentEntry entry) {
        long sequence = head == null ? 1 : head.sequence() + 1;
        String previous = head == null ? GENESIS : head.hash();
        return new LedgerLink(sequence, previous, hash(sequence, previous, salt, entry));
    }

    /** The entry's hash at its place in the chain. */
    public static String hash(long sequence, String previousHash, String salt, ConsentEntry entry) {
        return sha256(encode(sequence, previousHash, salt, entry));
    }

    /** SHA-256 of a text, as lowercase hex: how notice texts are named. */
    public static String sha256(String text) {
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String sha256(byte[] bytes) {
        try {
            return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    static byte[] encode(long sequence, String previousHash, String salt, ConsentEntry entry) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            string(out, "grat-consent-ledger");
            out.writeInt(FORMAT);
            out.writeLong(sequence);
            string(out, previousHash);
            string(out, salt);
            string(out, entry.visitorId());
            List<String> purposes = entry.granted().stream().map(Purpose::wireName).sorted().toList();
            out.writeInt(purposes.size());
            for (String purpose : purposes) {
                string(out, purpose);
            }
            out.writeLong(entry.recordedAt().toEpochMilli());
            string(out, entry.source());
            string(out, entry.policyVersion());
            out.writeBoolean(entry.globalPrivacyControl());
            string(out, entry.noticeHash());
            out.writeBoolean(entry.objected());
            out.writeBoolean(entry.restricted());
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return bytes.toByteArray();
    }

    private static void string(DataOutputStream out, String value) throws IOException {
        if (value == null) {
            out.writeInt(-1);
            return;
        }
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }
}
