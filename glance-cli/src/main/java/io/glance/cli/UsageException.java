package io.glance.cli;

/** The command line itself is wrong; the message says how. Exit status 1. */
final class UsageException extends RuntimeException {
    UsageException(String message) {
        super(message);
    }
}
