package io.egressmon.ingest.copilot;

import java.util.Locale;

/**
 * Why an answer from CoPilot could not be used, beyond its HTTP status. Each is counted in
 * {@link io.egressmon.ingest.IngestStats} under its {@link #label()} (served on the ingest's
 * {@code /health}) and logged once, as a WARN naming the call. What the session does about each:
 * <ul>
 *   <li>{@link #MALFORMED_JSON}, {@link #TRUNCATED_BODY}: sent again with back-off (a glitch of CoPilot
 *       or of a proxy in between);</li>
 *   <li>{@link #LOGIN_PAGE}: the session is gone — log in again, then send again;</li>
 *   <li>{@link #WRONG_TYPE}: the first time, log in again (some CoPilots answer a lost session with a
 *       JSON page of another shape); after that, sent again with back-off;</li>
 *   <li>{@link #BODY_TOO_LARGE}: fails at once, read no further than the limit: the same question
 *       would get the same answer, and holding it could exhaust the memory;</li>
 *   <li>{@link #TLS_NAME_MISMATCH}, {@link #TLS_HANDSHAKE}: fail at once — the address or the trust is
 *       wrong, which only the operator can fix.</li>
 * </ul>
 * A call that fails for good fails its slice, which writes nothing and is polled again on a later tick.
 */
public enum BadAnswerReason {
    /** 200 and JSON by its type, but not valid JSON. */
    MALFORMED_JSON,
    /** The answer ended before its document did: the connection closed mid-body, or the JSON stops short. */
    TRUNCATED_BODY,
    /** Valid JSON with the wrong type where the answer's data should be (a number or a map where a list is). */
    WRONG_TYPE,
    /** 200 with HTML: CoPilot's login page, served when the session is gone. */
    LOGIN_PAGE,
    /** An answer longer than {@code EGRESSMON_MAX_RESPONSE_BYTES}. */
    BODY_TOO_LARGE,
    /** CoPilot's certificate is trusted but made out for another name than the one in its URL. */
    TLS_NAME_MISMATCH,
    /** Another failed TLS handshake: most often a certificate no trusted CA signed. */
    TLS_HANDSHAKE;

    /** Its name on {@code /health} and in log lines, e.g. {@code malformed_json}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
