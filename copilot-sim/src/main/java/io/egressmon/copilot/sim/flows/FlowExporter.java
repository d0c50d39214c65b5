package io.egressmon.copilot.sim.flows;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The spokes' live flow export: every tick, the minutes that ended on the simulator's clock since the
 * last tick are exported by every spoke, from its own loopback address, in its format, to the
 * collector — like an exporter with a 60 s active timeout. The first minute exported is the one in
 * progress at {@link #start()}: no history (that comes from FlowIQ and the counters). When the clock
 * jumps ahead (a test's manual clock) only the last {@value #MAX_CATCH_UP_MINUTES} minutes are sent.
 */
public final class FlowExporter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FlowExporter.class);
    static final int MAX_CATCH_UP_MINUTES = 10;

    private final FlowTruth truth;
    private final Clock clock;
    private final InetSocketAddress collector;
    private final Duration tick;
    private final Map<SpokeExporter, DatagramSocket> sockets = new LinkedHashMap<>();
    private final Map<SpokeExporter, FlowEncoder> encoders = new LinkedHashMap<>();
    private final List<Instant> exported = new CopyOnWriteArrayList<>();
    private final AtomicLong datagrams = new AtomicLong();
    private final AtomicLong sendFailures = new AtomicLong();
    private ScheduledExecutorService scheduler;
    private long nextMinute;

    public FlowExporter(FlowTruth truth, Clock clock, InetSocketAddress collector, Duration tick) {
        this.truth = truth;
        this.clock = clock;
        this.collector = collector;
        this.tick = tick;
    }

    /** Binds one socket per spoke (to {@code 127.0.1.N}) and starts ticking. */
    public synchronized FlowExporter start() {
        if (scheduler != null) {
            throw new IllegalStateException("already started");
        }
        long now = clock.millis();
        nextMinute = Math.floorDiv(now, 60_000) * 60;
        long bootMs = nextMinute * 1000 - 3_600_000;
        try {
            for (SpokeExporter exporter : truth.exporters()) {
                sockets.put(exporter, new DatagramSocket(new InetSocketAddress(exporter.source(), 0)));
                encoders.put(exporter, FlowEncoder.of(exporter, bootMs));
            }
        } catch (IOException e) {
            closeSockets();
            throw new UncheckedIOException("cannot bind the spokes' loopback addresses (127.0.1.N)", e);
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "sim-flow-export");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(this::tick, 0, tick.toMillis(), TimeUnit.MILLISECONDS);
        LOG.info("simulated spokes export flows to {} from 127.0.1.1-{}", collector, sockets.size());
        return this;
    }

    /** Exports the minutes that ended since the last call; runs on the export thread. */
    void tick() {
        try {
            long lastEnded = Math.floorDiv(clock.millis(), 60_000) * 60 - 60;
            if (lastEnded - nextMinute >= MAX_CATCH_UP_MINUTES * 60L) {
                nextMinute = lastEnded - (MAX_CATCH_UP_MINUTES - 1) * 60L;
            }
            for (; nextMinute <= lastEnded; nextMinute += 60) {
                exportMinute(Instant.ofEpochSecond(nextMinute));
            }
        } catch (RuntimeException e) {
            LOG.warn("flow export failed", e);
        }
    }

    private void exportMinute(Instant minute) {
        // On a whole second: a v9 header gives the export time in seconds beside a millisecond uptime, so
        // a collector reads uptime 0 as (seconds × 1000 − uptime); a fractional export time would move every
        // v9 flow back by the fraction, partly into the minute before.
        long exportMs = Math.max(Math.floorDiv(clock.millis(), 1000) * 1000, minute.plusSeconds(60).toEpochMilli());
        for (Map.Entry<SpokeExporter, DatagramSocket> entry : sockets.entrySet()) {
            SpokeMinute flows = truth.minuteFlows().minute(entry.getKey(), minute);
            for (byte[] datagram : encoders.get(entry.getKey()).encode(flows.exported(), exportMs)) {
                try {
                    entry.getValue().send(new DatagramPacket(datagram, datagram.length, collector));
                    datagrams.incrementAndGet();
                } catch (IOException e) {
                    // Nobody listening (ICMP port unreachable) or a full buffer: a real exporter does not care either.
                    sendFailures.incrementAndGet();
                }
            }
        }
        exported.add(minute);
    }

    /** The minutes exported so far, in order. */
    public List<Instant> exportedMinutes() {
        return List.copyOf(exported);
    }

    public long datagramsSent() {
        return datagrams.get();
    }

    public long sendFailures() {
        return sendFailures.get();
    }

    public InetSocketAddress collector() {
        return collector;
    }

    /** Stops ticking (a tick in progress finishes first) and closes the sockets. */
    @Override
    public synchronized void close() {
        if (scheduler != null) {
            scheduler.shutdown();
            try {
                scheduler.awaitTermination(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        closeSockets();
    }

    private void closeSockets() {
        new ArrayList<>(sockets.values()).forEach(DatagramSocket::close);
        sockets.clear();
    }
}
