package io.egressmon.copilot.sim;

import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * Misbehaviour the simulator injects into {@code /api/...} calls (never into {@code /sim/...}).
 * Each call rolls independently, so a client that retries converges.
 *
 * @param errorRate     probability that a call is answered 503 (body alternately JSON and an HTML
 *                      proxy page) without doing anything
 * @param sessionTtl    a session older than this (by the simulator's clock) is expired: every call
 *                      with its cookie gets 401; {@link Duration#ZERO} means sessions never expire
 * @param stallRate     probability that a call waits {@code stall} (on top of the latency) before it
 *                      is answered
 * @param stall         how long a stalled call waits
 * @param oddJsonRate   probability, per element of a performance response, that the element is
 *                      "odd" — see {@link OddJson} for exactly what that does (it only ever removes
 *                      numbers or adds unknown fields, never changes a number)
 * @param badAnswers    per {@link BadAnswer}, its probability: per data call (one roll picks at most
 *                      one kind, so their sum must not exceed 1), or per TLS handshake for
 *                      {@link BadAnswer#TLS_NAME_MISMATCH}; kinds left out are 0
 * @param hugeBodyBytes how big a {@link BadAnswer#HUGE_BODY} is
 */
public record Faults(double errorRate, Duration sessionTtl, double stallRate, Duration stall, double oddJsonRate,
                     Map<BadAnswer, Double> badAnswers, long hugeBodyBytes) {

    /** 64 MiB and a little more: beyond the ingest's default limit on an answer. */
    public static final long DEFAULT_HUGE_BODY_BYTES = 64L * 1024 * 1024 + 1024;

    public Faults {
        Objects.requireNonNull(sessionTtl, "sessionTtl (use Duration.ZERO for no expiry)");
        Objects.requireNonNull(stall, "stall");
        Objects.requireNonNull(badAnswers, "badAnswers");
        requireProbability("errorRate", errorRate);
        requireProbability("stallRate", stallRate);
        requireProbability("oddJsonRate", oddJsonRate);
        if (sessionTtl.isNegative()) {
            throw new IllegalArgumentException("sessionTtl must not be negative, got " + sessionTtl);
        }
        if (stall.isNegative()) {
            throw new IllegalArgumentException("stall must not be negative, got " + stall);
        }
        EnumMap<BadAnswer, Double> rates = new EnumMap<>(BadAnswer.class);
        double perCall = 0;
        for (BadAnswer kind : BadAnswer.values()) {
            double rate = badAnswers.getOrDefault(kind, 0.0);
            requireProbability(kind.rateField(), rate);
            rates.put(kind, rate);
            perCall += kind == BadAnswer.TLS_NAME_MISMATCH ? 0 : rate;
        }
        if (perCall > 1 + 1e-9) {
            throw new IllegalArgumentException("the bad-answer rates of a call add up to " + perCall + ", more than 1");
        }
        badAnswers = Collections.unmodifiableMap(rates);
        if (hugeBodyBytes < 1) {
            throw new IllegalArgumentException("hugeBodyBytes must be positive, got " + hugeBodyBytes);
        }
    }

    /** No bad answers. */
    public Faults(double errorRate, Duration sessionTtl, double stallRate, Duration stall, double oddJsonRate) {
        this(errorRate, sessionTtl, stallRate, stall, oddJsonRate, Map.of(), DEFAULT_HUGE_BODY_BYTES);
    }

    public static Faults none() {
        return new Faults(0, Duration.ZERO, 0, Duration.ZERO, 0);
    }

    public Faults withErrorRate(double errorRate) {
        return new Faults(errorRate, sessionTtl, stallRate, stall, oddJsonRate, badAnswers, hugeBodyBytes);
    }

    public Faults withSessionTtl(Duration sessionTtl) {
        return new Faults(errorRate, sessionTtl, stallRate, stall, oddJsonRate, badAnswers, hugeBodyBytes);
    }

    public Faults withStalls(double stallRate, Duration stall) {
        return new Faults(errorRate, sessionTtl, stallRate, stall, oddJsonRate, badAnswers, hugeBodyBytes);
    }

    public Faults withOddJsonRate(double oddJsonRate) {
        return new Faults(errorRate, sessionTtl, stallRate, stall, oddJsonRate, badAnswers, hugeBodyBytes);
    }

    /** The same, with {@code kind} given at {@code rate}. */
    public Faults withBadAnswer(BadAnswer kind, double rate) {
        EnumMap<BadAnswer, Double> rates = new EnumMap<>(badAnswers);
        rates.put(kind, rate);
        return new Faults(errorRate, sessionTtl, stallRate, stall, oddJsonRate, rates, hugeBodyBytes);
    }

    public Faults withHugeBodyBytes(long hugeBodyBytes) {
        return new Faults(errorRate, sessionTtl, stallRate, stall, oddJsonRate, badAnswers, hugeBodyBytes);
    }

    /** The probability of {@code kind}. */
    public double rate(BadAnswer kind) {
        return badAnswers.get(kind);
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
