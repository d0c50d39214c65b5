package io.egressmon.ingest.copilot;

/**
 * A CoPilot call that failed for good. The message names the call and says what went wrong; it
 * never contains the password.
 */
public final class CopilotException extends RuntimeException {
    private final String call;
    private final int status;
    private final BadAnswerReason reason;

    public CopilotException(String call, int status, String message, Throwable cause) {
        this(call, status, null, message, cause);
    }

    public CopilotException(String call, int status, BadAnswerReason reason, String message, Throwable cause) {
        super(message, cause);
        this.call = call;
        this.status = status;
        this.reason = reason;
    }

    /** Which call failed, e.g. {@code "POST /api/reports/report/performance"}. */
    public String call() {
        return call;
    }

    /** The last HTTP status, or 0 when no answer came (timeout, I/O or TLS error). */
    public int status() {
        return status;
    }

    /** Why the last answer could not be used, when that is why the call failed; null otherwise (e.g. a 5xx, a timeout). */
    public BadAnswerReason reason() {
        return reason;
    }
}
