package dev.grat.store.postgres;

import dev.grat.store.sealed.SealingSubject;

/**
 * A visitor as the tables know it: a random id that says nothing about the visitor, and the key of the visitor's
 * records. Once erasure has removed the subject's row, nothing ties the remaining bytes to the visitor.
 */
record Subject(byte[] id, byte[] dataKey) implements SealingSubject {

    @Override
    public byte[] binding() {
        return id;
    }
}
