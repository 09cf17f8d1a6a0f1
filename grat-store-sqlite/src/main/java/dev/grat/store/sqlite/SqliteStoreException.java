package dev.grat.store.sqlite;

import dev.grat.StoreException;

/** The embedded store could not do what was asked: the message says what, on which file, and why. */
public final class SqliteStoreException extends StoreException {

    public SqliteStoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public SqliteStoreException(String message) {
        super(message);
    }
}
