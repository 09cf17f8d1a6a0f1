package dev.grat;

/** Something the caller named does not exist, e.g. an unknown item id or content slot. */
public final class NotFoundException extends GratException {

    public NotFoundException(String message) {
        super(message);
    }
}
