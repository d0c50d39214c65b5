package io.egressmon.api;

/**
 * The CoPilot answers the ingest could not use, by reason, on its {@code /health}: each was logged
 * as a WARN naming the call, and the call tried again, or failed so that its slice is polled again
 * (nothing of a failed slice is written).
 *
 * @param malformedJson   200 and JSON by its type, but not valid JSON (tried again)
 * @param truncatedBody   the answer ended before its document: the connection closed mid-body or the JSON stops short (tried again)
 * @param wrongType       valid JSON with the wrong type where the data should be, e.g. a number or a map where a list is
 *                        (logged in again the first time, then tried again)
 * @param loginPage       200 with an HTML page: CoPilot's login page when the session is gone (logged in again)
 * @param bodyTooLarge    an answer longer than {@code EGRESSMON_MAX_RESPONSE_BYTES}, read no further (the call fails)
 * @param tlsNameMismatch handshakes where CoPilot's certificate names another host than its URL (the call fails)
 * @param tlsHandshake    other failed handshakes, e.g. a certificate no trusted CA signed (the call fails)
 */
public record CopilotBadAnswers(long malformedJson, long truncatedBody, long wrongType, long loginPage,
                                long bodyTooLarge, long tlsNameMismatch, long tlsHandshake) {
}
