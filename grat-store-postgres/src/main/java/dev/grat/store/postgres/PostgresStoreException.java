package dev.grat.store.postgres;

import dev.grat.StoreException;

/** The PostgreSQL store could not do what was asked: the message says what, where, and why. */
public final class PostgresStoreException extends StoreException {

    public PostgresStoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public PostgresStoreException(String message) {
        super(message);
    }
}
