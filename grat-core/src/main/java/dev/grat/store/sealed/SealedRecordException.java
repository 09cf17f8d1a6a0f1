package dev.grat.store.sealed;

import dev.grat.StoreException;

/**
 * A stored personal record does not open or decode: it was changed, moved to another subject, or written in a format
 * this Grat does not know. Like every {@link StoreException}, it is no fault of the caller's.
 */
public final class SealedRecordException extends StoreException {

    public SealedRecordException(String message, Throwable cause) {
        super(message, cause);
    }

    public SealedRecordException(String message) {
        super(message);
    }
}
