package io.egressmon.ingest.copilot;

/**
 * An exchange whose answer could not be used, and why: raised by the transport for what it sees
 * while reading (too large, cut off), and handed on by the session with the rest.
 */
final class UnusableAnswer extends RuntimeException {
    private final BadAnswerReason reason;

    UnusableAnswer(BadAnswerReason reason, String message, Throwable cause) {
        super(message, cause, false, false);
        this.reason = reason;
    }

    BadAnswerReason reason() {
        return reason;
    }
}
