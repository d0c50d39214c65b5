package io.egressmon.copilot.sim;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the simulator has been asked and what it did, since start.
 *
 * @param calls             requests per endpoint ({@code "GET /api/gateways"}, …; {@code "other"}
 *                          for paths it does not serve), counted on arrival — including those then
 *                          answered 401 or 503
 * @param logins            successful logins
 * @param failedLogins      logins refused (bad credentials or a body without them)
 * @param injected503s      calls answered 503 by fault injection
 * @param injectedStalls    calls held back by a stall
 * @param oddJsonElements   performance elements made odd
 * @param expiredSessions   sessions found expired (each counted once, when first refused)
 * @param unauthorized      401 responses of every cause (failed logins, missing, unknown or
 *                          expired sessions)
 * @param performanceQueries elements of performance requests answered (gateways asked about)
 * @param badAnswers        per {@link BadAnswer}, the data calls answered with it instead of the right
 *                          answer ({@link BadAnswer#TLS_NAME_MISMATCH}: the handshakes that presented the
 *                          certificate for another name); every kind is present
 */
public record Stats(Map<String, Long> calls, long logins, long failedLogins, long injected503s,
                    long injectedStalls, long oddJsonElements, long expiredSessions, long unauthorized,
                    long performanceQueries, Map<BadAnswer, Long> badAnswers) {

    public static final String LOGIN = "POST /api/login";
    public static final String LOGOUT = "GET /api/logout";
    public static final String GATEWAYS = "GET /api/gateways";
    public static final String ROUTES = "GET /api/cloud-routes/routes/gateways";
    public static final String PERFORMANCE = "POST /api/reports/report/performance";
    public static final String FIELD_AGG = "GET /api/flowiq/field_agg";
    public static final String OTHER = "other";

    public Stats {
        calls = Map.copyOf(calls);
        EnumMap<BadAnswer, Long> all = new EnumMap<>(BadAnswer.class);
        for (BadAnswer kind : BadAnswer.values()) {
            all.put(kind, badAnswers.getOrDefault(kind, 0L));
        }
        badAnswers = Collections.unmodifiableMap(all);
    }

    /** How often {@code kind} was given. */
    public long badAnswers(BadAnswer kind) {
        return badAnswers.get(kind);
    }

    public long calls(String endpoint) {
        return calls.getOrDefault(endpoint, 0L);
    }

    /** Calls to {@code /api/...}: what a client cost the (real) CoPilot. */
    public long apiCalls() {
        return calls.entrySet().stream()
                .filter(e -> e.getKey().contains(" /api/"))
                .mapToLong(Map.Entry::getValue)
                .sum();
    }

    public Map<String, Long> sortedCalls() {
        return new TreeMap<>(calls);
    }
}
