package io.egressmon.copilot.sim.flows;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;

/**
 * Whether the simulator's spokes export their flows over UDP, and where to.
 *
 * @param enabled   start exporting when the simulator starts
 * @param collector where the datagrams go (egressmon's collector listens on 127.0.0.1:2055)
 * @param tick      how often the exporter looks at the simulator's clock for minutes that ended
 */
public record FlowExportSettings(boolean enabled, InetSocketAddress collector, Duration tick) {

    public static final InetSocketAddress DEFAULT_COLLECTOR = new InetSocketAddress("127.0.0.1", 2055);
    public static final Duration DEFAULT_TICK = Duration.ofSeconds(2);

    public FlowExportSettings {
        Objects.requireNonNull(collector, "collector");
        Objects.requireNonNull(tick, "tick");
        if (tick.isNegative() || tick.isZero()) {
            throw new IllegalArgumentException("tick must be positive, got " + tick);
        }
    }

    /** On, to 127.0.0.1:2055 (the collector's default), every 2 s. */
    public static FlowExportSettings defaults() {
        return new FlowExportSettings(true, DEFAULT_COLLECTOR, DEFAULT_TICK);
    }

    public static FlowExportSettings off() {
        return new FlowExportSettings(false, DEFAULT_COLLECTOR, DEFAULT_TICK);
    }

    public FlowExportSettings to(InetSocketAddress collector) {
        return new FlowExportSettings(true, collector, tick);
    }

    public FlowExportSettings withTick(Duration tick) {
        return new FlowExportSettings(enabled, collector, tick);
    }
}
