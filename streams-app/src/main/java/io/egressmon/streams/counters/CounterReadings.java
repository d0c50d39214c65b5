package io.egressmon.streams.counters;

import io.egressmon.api.bandwidth.RawTotals;
import io.egressmon.avro.CounterSnapshot;
import io.egressmon.avro.InterfaceCounters;
import io.egressmon.avro.PollWatermark;
import io.egressmon.streams.counters.TopologyStats.Counter;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a gateway's last readings and its next snapshot into reset-aware counter increases. Pure
 * apart from the counters it bumps; {@link CounterDeltaProcessor} does the store and the spreading.
 *
 * <p>Per interface and metric, against the last reading {@code l}, a reading {@code v}:
 * <ul>
 *   <li>first reading ({@code l} unknown): a baseline, no increase;</li>
 *   <li>{@code v >= l}: increase {@code v - l};</li>
 *   <li>{@code v < l}: the counter restarted from zero (reboot, replacement, tunnel re-created), so
 *       {@code v} bytes passed since the restart; increase {@code v}, and one reset for the
 *       interface. Bytes between {@code l} and the restart are unknowable and not guessed;</li>
 *   <li>null or absent: not read; {@code l} is kept, so the next reading covers the gap;</li>
 *   <li>below zero: not a counter value; skipped like null and counted.</li>
 * </ul>
 * A snapshot may hold only some interfaces; the others keep their last reading. Interfaces other
 * than {@code eth0} and {@code tun-*} are skipped and counted.
 *
 * <p>The {@code BASELINE} kind gets no special treatment. Ingest marks a snapshot BASELINE when it
 * has no earlier reading of its own, but the value is still a true reading of a cumulative counter
 * at {@code sampled_at}: if this topology does know an earlier reading (ingest lost its watermark and
 * started over, say), the difference is real traffic (or a reset) and is counted like any other.
 * Treating BASELINE as "forget the past" would silently drop the bytes of that gap.
 *
 * <p>A snapshot not later than the gateway's last one is normally a redelivery and is dropped. One
 * case is not: ingest writes a new interface's BASELINE at the start of the slice, which is the
 * instant of the gateway's previous snapshot. Readings of interfaces this gateway has no reading of
 * yet are therefore taken as baselines even from such a snapshot; only if it brings none is it a
 * duplicate.
 *
 * <p>Increases are attributed to {@code (last sampled_at, sampled_at]} of the gateway. An interface
 * that was unread for a while (null values, absent from snapshots) has its gap's bytes counted in the
 * interval of the reading that ends the gap: the bytes are exact, their timing is approximate.
 */
final class CounterReadings {
    private static final Logger LOG = LoggerFactory.getLogger(CounterReadings.class);

    /**
     * The result of one snapshot: the gateway's new last readings ({@code null} = unchanged, drop
     * the snapshot) and the increase over {@code (fromMs, toMs]} ({@code null} = none to emit).
     */
    record Step(PollWatermark next, RawTotals delta, long fromMs, long toMs) {
        static final Step UNCHANGED = new Step(null, null, 0, 0);

        static Step state(PollWatermark next) {
            return new Step(next, null, 0, 0);
        }
    }

    private record MetricStep(Long last, long delta, boolean reset) {
    }

    private CounterReadings() {
    }

    static Step apply(String gateway, PollWatermark last, CounterSnapshot snapshot, TopologyStats stats) {
        Instant at = snapshot.getSampledAt();
        Map<String, InterfaceCounters> readings = snapshot.getInterfaces() == null ? Map.of() : snapshot.getInterfaces();
        if (last == null) {
            return Step.state(new PollWatermark(gateway, at, firstReadings(gateway, readings, stats)));
        }
        if (!at.isAfter(last.getPolledUntil())) {
            return notLater(gateway, last, snapshot, readings, stats);
        }

        Map<String, InterfaceCounters> next = new TreeMap<>(last.getLast());
        long eth0Rx = 0;
        long eth0Tx = 0;
        long tunnelRx = 0;
        long tunnelTx = 0;
        int resets = 0;
        for (Map.Entry<String, InterfaceCounters> reading : readings.entrySet()) {
            String name = reading.getKey();
            InterfaceRole role = InterfaceRole.of(name);
            if (role == InterfaceRole.IGNORED) {
                stats.increment(Counter.IGNORED_INTERFACES);
                continue;
            }
            InterfaceCounters prev = next.get(name);
            InterfaceCounters value = reading.getValue();
            MetricStep rx = advance(prev == null ? null : prev.getRxBytes(), value == null ? null : value.getRxBytes(),
                    gateway, name, at, "rx_bytes", stats);
            MetricStep tx = advance(prev == null ? null : prev.getTxBytes(), value == null ? null : value.getTxBytes(),
                    gateway, name, at, "tx_bytes", stats);
            if (rx.last() == null && tx.last() == null) {
                continue; // never read: stays unknown, so its first real reading is the baseline
            }
            if (prev == null) {
                stats.increment(Counter.BASELINES);
            }
            next.put(name, new InterfaceCounters(rx.last(), tx.last()));
            if (rx.reset() || tx.reset()) {
                // rx and tx of one interface restart together; one restart is one reset, not two.
                resets++;
                stats.increment(Counter.RESETS);
                LOG.info("counter reset on {} {} at {}: rx {} -> {}, tx {} -> {}", gateway, name, at,
                        prev.getRxBytes(), rx.last(), prev.getTxBytes(), tx.last());
            }
            if (role == InterfaceRole.ETH0) {
                eth0Rx += rx.delta();
                eth0Tx += tx.delta();
            } else {
                tunnelRx += rx.delta();
                tunnelTx += tx.delta();
            }
        }
        return new Step(new PollWatermark(gateway, at, next), new RawTotals(eth0Rx, eth0Tx, tunnelRx, tunnelTx, resets),
                last.getPolledUntil().toEpochMilli(), at.toEpochMilli());
    }

    private static Step notLater(String gateway, PollWatermark last, CounterSnapshot snapshot,
                                 Map<String, InterfaceCounters> readings, TopologyStats stats) {
        Map<String, InterfaceCounters> unseen = new TreeMap<>();
        for (Map.Entry<String, InterfaceCounters> reading : readings.entrySet()) {
            if (!last.getLast().containsKey(reading.getKey()) && InterfaceRole.of(reading.getKey()) != InterfaceRole.IGNORED) {
                unseen.put(reading.getKey(), reading.getValue());
            }
        }
        Map<String, InterfaceCounters> baselines = firstReadings(gateway, unseen, stats);
        if (baselines.isEmpty()) {
            stats.increment(Counter.DUPLICATE_SNAPSHOTS);
            LOG.debug("dropped duplicate snapshot of {} at {} ({}): last snapshot was at {}", gateway,
                    snapshot.getSampledAt(), snapshot.getKind(), last.getPolledUntil());
            return Step.UNCHANGED;
        }
        stats.increment(Counter.LATE_BASELINES);
        LOG.debug("snapshot of {} at {} ({}) is not after {} but brings first readings of {}", gateway,
                snapshot.getSampledAt(), snapshot.getKind(), last.getPolledUntil(), baselines.keySet());
        Map<String, InterfaceCounters> next = new TreeMap<>(last.getLast());
        next.putAll(baselines);
        return Step.state(new PollWatermark(gateway, last.getPolledUntil(), next));
    }

    /** The readable first readings among {@code readings}: eth0 and tunnels with at least one metric. */
    private static Map<String, InterfaceCounters> firstReadings(String gateway, Map<String, InterfaceCounters> readings,
                                                                TopologyStats stats) {
        Map<String, InterfaceCounters> next = new TreeMap<>();
        for (Map.Entry<String, InterfaceCounters> reading : readings.entrySet()) {
            String name = reading.getKey();
            if (InterfaceRole.of(name) == InterfaceRole.IGNORED) {
                stats.increment(Counter.IGNORED_INTERFACES);
                continue;
            }
            InterfaceCounters value = reading.getValue();
            MetricStep rx = advance(null, value == null ? null : value.getRxBytes(), gateway, name, null, "rx_bytes", stats);
            MetricStep tx = advance(null, value == null ? null : value.getTxBytes(), gateway, name, null, "tx_bytes", stats);
            if (rx.last() != null || tx.last() != null) {
                stats.increment(Counter.BASELINES);
                next.put(name, new InterfaceCounters(rx.last(), tx.last()));
            }
        }
        return next;
    }

    /**
     * One counter's step from {@code last} to {@code value}; {@code gateway}, {@code name}, {@code at}
     * (null when not known) and {@code metric} say which counter in the log, put together only then:
     * a backfill takes hundreds of thousands of readings a second.
     */
    private static MetricStep advance(Long last, Long value, String gateway, String name, Instant at, String metric,
                                      TopologyStats stats) {
        if (value == null) {
            stats.increment(Counter.NULL_READINGS);
            return new MetricStep(last, 0, false);
        }
        if (value < 0) {
            stats.increment(Counter.NEGATIVE_READINGS);
            LOG.warn("skipped negative counter reading {} of {} {}{} {}; keeping the last reading {}", value, gateway, name,
                    at == null ? "" : " at " + at, metric, last);
            return new MetricStep(last, 0, false);
        }
        if (last == null) {
            return new MetricStep(value, 0, false);
        }
        if (value >= last) {
            return new MetricStep(value, value - last, false);
        }
        return new MetricStep(value, value, true);
    }
}
