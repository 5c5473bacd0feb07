package nnfs.io;

/** Malformed JSON: the message says what was expected and at which character. */
public class JsonException extends Exception {

    public JsonException(String message) {
        super(message);
    }
}
