package nnfs.io;

import java.io.IOException;

/**
 * A model or parameter file that cannot be used: truncated, corrupt, of another format, or not fitting the model. The
 * message names the file, what was expected and what was found. Nothing is half-loaded when it is thrown.
 */
public class ModelFileException extends IOException {

    public ModelFileException(String message) {
        super(message);
    }

    public ModelFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
