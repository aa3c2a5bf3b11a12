package io.vectorsync.core.console;

/** A request the console refuses, with the HTTP status to answer and a message for the user. */
public class ConsoleException extends RuntimeException {
    private final int status;

    public ConsoleException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
