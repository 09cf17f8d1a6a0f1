package dev.grat.store.sealed;

/**
 * Whose records a {@link RecordCipher} seals: the key of the visitor's records, and the bytes that bind a record to
 * its visitor in the associated data. Each store binds by what its tables name the visitor by: the PostgreSQL store
 * by a random subject id, the embedded store by the keyed hash of the visitor id ({@link Blinder}).
 */
public interface SealingSubject {

    /** The visitor's data key, {@link RecordCipher#KEY_BYTES} long. */
    byte[] dataKey();

    /** The bytes that bind a sealed record to this subject; a record sealed for other bytes does not open. */
    byte[] binding();
}
