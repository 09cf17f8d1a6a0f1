package dev.grat.server.cli;

/** The command line cannot be run as given: an unknown flag, a missing or bad value. Exit code 2. */
final class UsageException extends RuntimeException {

    UsageException(String message) {
        super(message);
    }
}
