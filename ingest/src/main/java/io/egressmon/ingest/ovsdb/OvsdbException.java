package io.egressmon.ingest.ovsdb;

import java.io.IOException;

/** OVSDB could not be reached, did not answer, or refused what we asked; the message says which and why. */
public class OvsdbException extends IOException {
    public OvsdbException(String message) {
        super(message);
    }

    public OvsdbException(String message, Throwable cause) {
        super(message, cause);
    }
}
