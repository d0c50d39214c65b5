package io.egressmon.copilot.sim;

/**
 * A bad answer the simulator can give to a data call ({@code /api/gateways}, the route tables, the
 * performance report, FlowIQ's field_agg) instead of the right one, each as real CoPilots and the
 * proxies in front of them have been seen to: the call does nothing else wrong, so a client that
 * asks again gets the right answer. What exactly each one sends is in {@link BadAnswers}.
 */
public enum BadAnswer {
    /** 200, {@code application/json}, a syntax error in the middle of the document. */
    MALFORMED_JSON("malformedJsonRate"),
    /** 200, the document cut in half: either with a Content-Length honest for the cut body, or the full
     *  length announced and the connection closed half-way. */
    TRUNCATED_BODY("truncatedBodyRate"),
    /** 200, valid JSON with the wrong type where the answer's list is: an object keyed by position or a number. */
    WRONG_TYPE("wrongTypeRate"),
    /** 200, {@code text/html}: CoPilot's login page, as served when the session is gone (the session is dropped too). */
    LOGIN_PAGE("loginPageRate"),
    /** 200, the right answer padded with a debug field to {@link Faults#hugeBodyBytes()}: valid, but huge. */
    HUGE_BODY("hugeBodyRate"),
    /** Per TLS handshake (HTTPS only): the certificate presented names another host. */
    TLS_NAME_MISMATCH("tlsNameMismatchRate");

    private final String rateField;

    BadAnswer(String rateField) {
        this.rateField = rateField;
    }

    /** Its probability's name in {@code /sim/faults}, e.g. {@code malformedJsonRate}. */
    public String rateField() {
        return rateField;
    }

    /** Its name in {@code /sim/stats}, e.g. {@code malformed_json}. */
    public String statsName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
