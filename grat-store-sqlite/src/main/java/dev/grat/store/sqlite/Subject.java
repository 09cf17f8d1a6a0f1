package dev.grat.store.sqlite;

import dev.grat.store.sealed.SealingSubject;

/**
 * A visitor as the tables know it: the keyed hash of the visitor id, and the key of the visitor's records, which
 * lives only in the key file ({@link KeyFile}). Once erasure has removed the key, the visitor's records in any
 * copy of {@code grat.db} stay ciphertext.
 */
record Subject(byte[] visitorHash, byte[] dataKey) implements SealingSubject {

    @Override
    public byte[] binding() {
        return visitorHash;
    }
}
