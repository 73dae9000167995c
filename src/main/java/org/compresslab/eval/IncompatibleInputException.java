package org.compresslab.eval;

import org.compresslab.data.DatasetException;

/** A dataset or preprocessing that does not fit the model; the message says what to do. */
public class IncompatibleInputException extends DatasetException {
    public IncompatibleInputException(String message) {
        super(message);
    }
}
