package dev.grat;

/** The errors the engine reports to its callers; adapters map each kind to one response (HTTP status, exit code). */
public abstract sealed class GratException extends RuntimeException
        permits InvalidInputException, NotFoundException, StoreException {

    protected GratException(String message) {
        super(message);
    }
}
