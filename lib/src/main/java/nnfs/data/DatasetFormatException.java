package nnfs.data;

import java.io.IOException;

/** A data file that is not what it should be: the message names the file, what was expected and what was found. */
public class DatasetFormatException extends IOException {

    public DatasetFormatException(String message) {
        super(message);
    }
}
