package io.egressmon.copilot.sim;

import io.egressmon.copilot.sim.flows.FlowExportSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * How to run a {@link CopilotSimulator}.
 *
 * @param host        interface to bind
 * @param port        port to bind; 0 picks a free one ({@link CopilotSimulator#port()} tells which)
 * @param extraSpokes synthetic spokes added to the 14 of the sample estate (benchmarks)
 * @param latency     added before every response
 * @param clock       the simulator's time: samples exist up to its {@code instant()}, sessions age
 *                    with it, and unless {@code anchor} is set the estate is anchored at its instant
 *                    at start, floored to the minute
 * @param username    the one accepted login
 * @param password    its password
 * @param seed        everything random (traffic shapes, tunnel names, fault rolls) derives from it
 * @param anchor      the estate's anchor (floored to the minute), or null for the clock's instant at
 *                    start; fix it to get the same estate back after a restart (the all-in-one
 *                    launcher keeps it in its data directory)
 * @param flowExport  whether and where the sample spokes export their flows (NetFlow v9 / IPFIX
 *                    over UDP); off by default (a test's simulator sends nothing
 *                    anywhere); {@code egressmon run} points it at its own collector
 * @param tls         HTTPS with these keys ({@link SimulatorTls}), or null for plain HTTP
 * @param spikes      extra internet egress on some spokes between two instants ({@link Spike}); none by default
 */
public record SimulatorConfig(String host, int port, int extraSpokes, Duration latency, Clock clock,
                              String username, String password, long seed, Instant anchor,
                              FlowExportSettings flowExport, SimulatorTls tls, List<Spike> spikes) {

    public SimulatorConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(latency, "latency");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(flowExport, "flowExport");
        spikes = List.copyOf(spikes);
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, got " + port);
        }
        if (extraSpokes < 0) {
            throw new IllegalArgumentException("extraSpokes must be >= 0, got " + extraSpokes);
        }
        if (latency.isNegative()) {
            throw new IllegalArgumentException("latency must not be negative, got " + latency);
        }
    }

    /** Anchored at the clock's instant when the simulator starts. */
    public SimulatorConfig(String host, int port, int extraSpokes, Duration latency, Clock clock,
                           String username, String password, long seed) {
        this(host, port, extraSpokes, latency, clock, username, password, seed, null, FlowExportSettings.off(), null, List.of());
    }

    /**
     * 127.0.0.1, an ephemeral port, the 14 sample spokes, no latency, UTC system clock, admin/simulator,
     * seed 42, no flow export.
     */
    public static SimulatorConfig defaults() {
        return new SimulatorConfig("127.0.0.1", 0, 0, Duration.ZERO, Clock.systemUTC(), "admin", "simulator", 42L);
    }

    public SimulatorConfig withHost(String host) {
        return new SimulatorConfig(host, port, extraSpokes, latency, clock, username, password, seed, anchor, flowExport, tls, spikes);
    }

    public SimulatorConfig withPort(int port) {
        return new SimulatorConfig(host, port, extraSpokes, latency, clock, username, password, seed, anchor, flowExport, tls, spikes);
    }

    public SimulatorConfig withExtraSpokes(int extraSpokes) {
        return new SimulatorConfig(host, port, extraSpokes, latency, clock, username, password, seed, anchor, flowExport, tls, spikes);
    }

    public SimulatorConfig withLatency(Duration latency) {
        return new SimulatorConfig(host, port, extraSpokes, latency, clock, username, password, seed, anchor, flowExport, tls, spikes);
    }

    public SimulatorConfig withClock(Clock clock) {
        return new SimulatorConfig(host, port, extraSpokes, latency, clock, username, password, seed, anchor, flowExport, tls, spikes);
    }

    public SimulatorConfig withUsername(String username) {
        return new SimulatorConfig(host, port, extraSpokes, latency, clock, username, password, seed, anchor, flowExport, tls, spikes);
    }

    public SimulatorConfig withPassword(String password) {
        return new SimulatorConfig(host, port, extraSpokes, latency, clock, username, password, seed, anchor, flowExport, tls, spikes);
    }

    public SimulatorConfig withSeed(long seed) {
        return new SimulatorConfig(host, port, extraSpokes, latency, clock, username, password, seed, anchor, flowExport, tls, spikes);
    }

    /** The estate's anchor (floored to the minute by the estate); null to take the clock's instant at start. */
    public SimulatorConfig withAnchor(Instant anchor) {
        return new SimulatorConfig(host, port, extraSpokes, latency, clock, username, password, seed, anchor, flowExport, tls, spikes);
    }

    /** Whether and where the spokes export flows; {@link FlowExportSettings#off()} for none. */
    public SimulatorConfig withFlowExport(FlowExportSettings flowExport) {
        return new SimulatorConfig(host, port, extraSpokes, latency, clock, username, password, seed, anchor, flowExport, tls, spikes);
    }

    /** HTTPS with {@code tls}'s keys; null for plain HTTP. */
    public SimulatorConfig withTls(SimulatorTls tls) {
        return new SimulatorConfig(host, port, extraSpokes, latency, clock, username, password, seed, anchor, flowExport, tls, spikes);
    }

    /** With {@code spike} added to the others (several may overlap, on one spoke or more). */
    public SimulatorConfig withSpike(Spike spike) {
        List<Spike> more = new java.util.ArrayList<>(spikes);
        more.add(spike);
        return new SimulatorConfig(host, port, extraSpokes, latency, clock, username, password, seed, anchor, flowExport, tls, more);
    }

    /** {@link #withSpike(Spike)} of {@code extraBytesPerSecond} more egress on {@code gateway} over {@code [from, to)}. */
    public SimulatorConfig withSpike(String gateway, Instant from, Instant to, long extraBytesPerSecond) {
        return withSpike(new Spike(gateway, from, to, extraBytesPerSecond));
    }

    /** The anchor to use when starting now. */
    Instant anchorOrNow() {
        return anchor != null ? anchor : clock.instant();
    }

    /** The password is left out: configurations end up in logs. */
    @Override
    public String toString() {
        return "SimulatorConfig[host=" + host + ", port=" + port + ", extraSpokes=" + extraSpokes
                + ", latency=" + latency + ", clock=" + clock + ", username=" + username + ", seed=" + seed
                + ", anchor=" + anchor + ", flowExport=" + flowExport + ", tls=" + (tls != null) + ", spikes=" + spikes + "]";
    }
}
