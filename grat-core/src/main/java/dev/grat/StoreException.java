package dev.grat;

/**
 * The store could not do what was asked (disk full, file locked, database down). Not the caller's fault and
 * usually passing: adapters answer "unavailable, retry". Storage adapters throw subclasses of it.
 */
public non-sealed class StoreException extends GratException {

    public StoreException(String message, Throwable cause) {
        super(message);
        initCause(cause);
    }

    public StoreException(String message) {
        super(message);
    }
}
