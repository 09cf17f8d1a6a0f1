package dev.grat.store.sealed;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * Encrypts personal records with their visitor's data key: AES-256-GCM with a random 96-bit nonce. The associated
 * data binds a record to its kind and subject ({@link SealingSubject#binding()}), so that a ciphertext copied to
 * another row, visitor or table does not open.
 * Layout of a sealed record: format version (1 byte), nonce (12 bytes), ciphertext with the 16-byte tag.
 */
public final class RecordCipher {

    /** The length of a data key. */
    public static final int KEY_BYTES = 32;
    /** The length of a random subject id. */
    public static final int SUBJECT_ID_BYTES = 16;
    private static final byte FORMAT = 1;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    /** What a sealed record is; part of the associated data. */
    public enum Kind {
        // Appended only: the ordinal is part of every sealed record's associated data.
        EVENT, CONSENT, LINK, DEAD_LETTER, DECLARED
    }

    private final SecureRandom random;
    // Cipher.getInstance looks the transformation up in the providers each time, which showed in ingestion
    // profiles; a Cipher is not thread-safe, so each thread keeps its own and re-initialises it per record.
    private final ThreadLocal<Cipher> ciphers = ThreadLocal.withInitial(RecordCipher::newCipher);

    /** A cipher that draws keys, ids and nonces from {@code random}. */
    public RecordCipher(SecureRandom random) {
        this.random = random;
    }

    /** A new random data key. */
    public byte[] newKey() {
        return randomBytes(KEY_BYTES);
    }

    /** A new random id for a subject, for a store that names visitors by one. */
    public byte[] newSubjectId() {
        return randomBytes(SUBJECT_ID_BYTES);
    }

    /** The sealed form of {@code plaintext}, a record of {@code kind} of {@code subject}. */
    public byte[] seal(SealingSubject subject, Kind kind, byte[] plaintext) {
        byte[] nonce = randomBytes(NONCE_BYTES);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, subject, kind, nonce);
            ByteBuffer sealed = ByteBuffer.allocate(1 + NONCE_BYTES + cipher.getOutputSize(plaintext.length));
            sealed.put(FORMAT).put(nonce);
            cipher.doFinal(ByteBuffer.wrap(plaintext), sealed);
            return sealed.array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every Java runtime, but failed: " + e, e);
        }
    }

    /**
     * The plaintext of a record sealed by {@link #seal}.
     *
     * @throws SealedRecordException if it has an unknown format, or was sealed for another subject, kind or key
     */
    public byte[] open(SealingSubject subject, Kind kind, byte[] sealed) {
        if (sealed.length < 1 + NONCE_BYTES + TAG_BITS / 8 || sealed[0] != FORMAT) {
            throw new SealedRecordException("a stored " + kind.name().toLowerCase() + " record has an unknown format");
        }
        try {
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, subject, kind, Arrays.copyOfRange(sealed, 1, 1 + NONCE_BYTES));
            return cipher.doFinal(sealed, 1 + NONCE_BYTES, sealed.length - 1 - NONCE_BYTES);
        } catch (AEADBadTagException e) {
            throw new SealedRecordException("a stored " + kind.name().toLowerCase()
                    + " record does not open with its subject's key: it was changed or moved", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every Java runtime, but failed: " + e, e);
        }
    }

    private Cipher cipher(int mode, SealingSubject subject, Kind kind, byte[] nonce)
            throws GeneralSecurityException {
        Cipher cipher = ciphers.get();
        cipher.init(mode, new SecretKeySpec(subject.dataKey(), "AES"), new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(new byte[] {FORMAT, (byte) kind.ordinal()});
        cipher.updateAAD(subject.binding());
        return cipher;
    }

    private static Cipher newCipher() {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every Java runtime, but failed: " + e, e);
        }
    }

    private byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        random.nextBytes(bytes);
        return bytes;
    }
}
