package org.compresslab.cli;

/** A command's input that is wrong in a way the user can fix; reported as one line with exit code 2. */
public class BadInputException extends RuntimeException {
    public BadInputException(String message) {
        super(message);
    }
}
