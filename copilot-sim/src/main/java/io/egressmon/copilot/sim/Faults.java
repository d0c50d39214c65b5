package io.egressmon.copilot.sim;

import java.time.Duration;
import java.util.Objects;

/**
 * Misbehaviour the simulator injects into {@code /api/...} calls (never into {@code /sim/...}).
 * Each call rolls independently, so a client that retries converges.
 *
 * @param errorRate   probability that a call is answered 503 (body alternately JSON and an HTML
 *                    proxy page) without doing anything
 * @param sessionTtl  a session older than this (by the simulator's clock) is expired: every call
 *                    with its cookie gets 401; {@link Duration#ZERO} means sessions never expire
 * @param stallRate   probability that a call waits {@code stall} (on top of the latency) before it
 *                    is answered
 * @param stall       how long a stalled call waits
 * @param oddJsonRate probability, per element of a performance response, that the element is
 *                    "odd" — see {@link OddJson} for exactly what that does (it only ever removes
 *                    numbers or adds unknown fields, never changes a number)
 */
public record Faults(double errorRate, Duration sessionTtl, double stallRate, Duration stall, double oddJsonRate) {

    public Faults {
        Objects.requireNonNull(sessionTtl, "sessionTtl (use Duration.ZERO for no expiry)");
        Objects.requireNonNull(stall, "stall");
        requireProbability("errorRate", errorRate);
        requireProbability("stallRate", stallRate);
        requireProbability("oddJsonRate", oddJsonRate);
        if (sessionTtl.isNegative()) {
            throw new IllegalArgumentException("sessionTtl must not be negative, got " + sessionTtl);
        }
        if (stall.isNegative()) {
            throw new IllegalArgumentException("stall must not be negative, got " + stall);
        }
    }

    public static Faults none() {
        return new Faults(0, Duration.ZERO, 0, Duration.ZERO, 0);
    }

    public Faults withErrorRate(double errorRate) {
        return new Faults(errorRate, sessionTtl, stallRate, stall, oddJsonRate);
    }

    public Faults withSessionTtl(Duration sessionTtl) {
        return new Faults(errorRate, sessionTtl, stallRate, stall, oddJsonRate);
    }

    public Faults withStalls(double stallRate, Duration stall) {
        return new Faults(errorRate, sessionTtl, stallRate, stall, oddJsonRate);
    }

    public Faults withOddJsonRate(double oddJsonRate) {
        return new Faults(errorRate, sessionTtl, stallRate, stall, oddJsonRate);
    }

    boolean sessionsExpire() {
        return !sessionTtl.isZero();
    }

    private static void requireProbability(String name, double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException(name + " must be within [0, 1], got " + p);
        }
    }
}
