package io.egressmon.copilot.sim.flows;

import io.egressmon.avro.FlowDirection;
import io.egressmon.copilot.sim.Estate;
import io.egressmon.copilot.sim.Gateway;
import io.egressmon.copilot.sim.GatewayInterface;
import io.egressmon.copilot.sim.Reading;
import io.egressmon.copilot.sim.Traffic;
import io.egressmon.copilot.sim.flowiq.Conversation;
import io.egressmon.copilot.sim.flowiq.FlowEstate;
import io.egressmon.copilot.sim.flowiq.FlowRecord;
import io.egressmon.schemas.IpClass;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * The flows a spoke exports for one minute, consistent with its counters and its FlowIQ records.
 *
 * <p>The spoke's egress by its counters over {@code (m, m + 60 s]} — sent and received, each
 * {@code eth0 − Σ(tun rx + tun tx)} — is split over its FlowIQ records of minute {@code m}: the sent
 * egress over the outbound records (RFC1918 → public), the received over the inbound ones (public →
 * RFC1918), in proportion to their FlowIQ bytes, largest remainders first, so the flows add up to the
 * counters to the byte. CGNAT and east-west records are exported with FlowIQ's bytes: a collector
 * must not count them as egress. The no-metrics spoke's flows follow the counters it would have if it
 * reported them.
 *
 * <p>A flow of {@code B} bytes is {@code ceil(B / 1500)} packets of near-equal size (the first
 * {@code B mod P} one byte bigger). A sampled spoke counts the minute's packets through its flows in
 * order (conversations in FlowEstate's order, outbound before inbound) and takes packets
 * {@code φ, φ + N, φ + 2N, …}, the phase {@code φ < N} drawn from the spoke's domain id and the minute
 * — systematic count-based 1-in-N, as RFC 5475 describes it, and deterministic: a correct collector's
 * estimate (sampled bytes × N) is known exactly. (A fixed phase would pick the same small flows
 * minute after minute on a spoke with few packets, and be biased.)
 */
public final class MinuteFlows {

    static final int MTU = 1500;
    private static final long MINUTE = 60;

    private final Estate estate;
    private final FlowEstate flowEstate;

    public MinuteFlows(FlowEstate flowEstate) {
        this.flowEstate = Objects.requireNonNull(flowEstate, "flowEstate");
        this.estate = flowEstate.estate();
    }

    /** The spoke's flows of the minute starting at {@code minute} (a whole minute). */
    public SpokeMinute minute(SpokeExporter exporter, Instant minute) {
        long m = minute.getEpochSecond();
        if (m % MINUTE != 0 || minute.getNano() != 0) {
            throw new IllegalArgumentException("not a whole minute: " + minute);
        }
        Gateway spoke = estate.require(exporter.gateway());
        long egressRx = Math.max(0, delta(spoke, m, true) - tunnels(spoke, m));
        long egressTx = Math.max(0, delta(spoke, m, false) - tunnels(spoke, m));

        Instant end = minute.plusSeconds(MINUTE);
        List<FlowRecord> records = new ArrayList<>();
        List<Long> weights = new ArrayList<>();
        for (Conversation conversation : flowEstate.conversations(spoke.name())) {
            for (FlowDirection direction : List.of(FlowDirection.OUTBOUND, FlowDirection.INBOUND)) {
                OptionalLong bytes = flowEstate.recordBytes(conversation, direction, minute, end);
                if (bytes.isPresent() && bytes.getAsLong() > 0) {
                    records.add(conversation.record(direction));
                    weights.add(bytes.getAsLong());
                }
            }
        }
        long[] bytes = weights.stream().mapToLong(Long::longValue).toArray();
        apportion(records, bytes, egressTx, true);
        apportion(records, bytes, egressRx, false);

        long startMs = m * 1000;
        long endMs = startMs + MINUTE * 1000 - 1;
        List<WireFlow> observed = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            if (bytes[i] > 0) {
                observed.add(new WireFlow(records.get(i), bytes[i], packets(bytes[i]), startMs, endMs));
            }
        }
        return new SpokeMinute(exporter, minute, egressRx, egressTx, observed,
                exporter.sampled() ? sample(observed, exporter.samplingRate(), phase(exporter, m)) : observed);
    }

    /** Outbound (internal → public) or inbound (public → internal): the records that carry egress. */
    static boolean egress(FlowRecord record, boolean outbound) {
        IpClass src = IpClass.of(record.srcAddr());
        IpClass dst = IpClass.of(record.dstAddr());
        return outbound ? src == IpClass.INTERNAL && dst == IpClass.PUBLIC
                : src == IpClass.PUBLIC && dst == IpClass.INTERNAL;
    }

    /** Replaces the weights of one direction's egress records by their shares of {@code total}. */
    private static void apportion(List<FlowRecord> records, long[] bytes, long total, boolean outbound) {
        long weightSum = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (egress(records.get(i), outbound)) {
                weightSum += bytes[i];
            }
        }
        if (weightSum == 0) {
            return;
        }
        List<long[]> remainders = new ArrayList<>();
        long given = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (egress(records.get(i), outbound)) {
                // Bytes per minute: the product stays far below 2^63 (multiplyExact says so if not).
                long product = Math.multiplyExact(total, bytes[i]);
                long share = product / weightSum;
                long remainder = product % weightSum;
                remainders.add(new long[] {remainder, i});
                bytes[i] = share;
                given += share;
            }
        }
        remainders.sort((a, b) -> a[0] != b[0] ? Long.compare(b[0], a[0]) : Long.compare(a[1], b[1]));
        // Fewer bytes are missing than there are records: one pass over the largest remainders.
        for (int k = 0; given < total; k++) {
            bytes[(int) remainders.get(k)[1]]++;
            given++;
        }
    }

    static long packets(long bytes) {
        return Math.max(1, (bytes + MTU - 1) / MTU);
    }

    /** Where a sampled spoke's 1-in-N starts in a minute: a SplitMix64 hash of its domain id and the minute. */
    static int phase(SpokeExporter exporter, long minute) {
        long z = exporter.domainId() * 0x9E3779B97F4A7C15L + minute;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return (int) Math.floorMod(z ^ (z >>> 31), (long) exporter.samplingRate());
    }

    /** Packets {@code phase, phase + n, …} of the minute, in flow order; see the class comment. */
    static List<WireFlow> sample(List<WireFlow> flows, int n, int phase) {
        List<WireFlow> sampled = new ArrayList<>();
        long first = 0;
        for (WireFlow flow : flows) {
            long p = flow.packets();
            long q = flow.bytes() / p;
            long bigger = flow.bytes() % p;
            long count = 0;
            long bytes = 0;
            long k = first + Math.floorMod(phase - first, n);
            for (; k < first + p; k += n) {
                long j = k - first;
                bytes += j < bigger ? q + 1 : q;
                count++;
            }
            if (count > 0) {
                sampled.add(new WireFlow(flow.record(), bytes, count, flow.startMs(), flow.endMs()));
            }
            first += p;
        }
        return sampled;
    }

    /** {@code Σ(rx + tx)} of the transit tunnels over the minute. */
    private long tunnels(Gateway spoke, long m) {
        long sum = 0;
        for (GatewayInterface iface : spoke.interfaces()) {
            if (iface.isTunnel()) {
                Reading d = delta(spoke, iface, m);
                sum += d.rxBytes() + d.txBytes();
            }
        }
        return sum;
    }

    private long delta(Gateway spoke, long m, boolean rx) {
        Reading d = delta(spoke, spoke.iface("eth0").orElseThrow(), m);
        return rx ? d.rxBytes() : d.txBytes();
    }

    /**
     * The counter's delta over {@code (m, m + 60]}: the sample at {@code m + 60} minus the one at
     * {@code m} (zero when the interface had none yet). The no-metrics spoke's counters are worked out
     * from its rates as if it reported them (it has no reboots, so they run from its creation).
     */
    private Reading delta(Gateway spoke, GatewayInterface iface, long m) {
        Reading end = reading(spoke, iface, m + MINUTE);
        if (end == null) {
            return new Reading(0, 0);
        }
        Reading start = reading(spoke, iface, m);
        return start == null ? end
                : new Reading(end.rxBytes() - start.rxBytes(), end.txBytes() - start.txBytes());
    }

    private Reading reading(Gateway spoke, GatewayInterface iface, long t) {
        if (spoke.hasMetrics()) {
            return estate.reading(spoke.name(), iface.name(), Instant.ofEpochSecond(t)).orElse(null);
        }
        long zero = Math.max(iface.createdAt().getEpochSecond(), estate.origin().getEpochSecond());
        if (t < zero) {
            return null;
        }
        return new Reading(floor(iface.rx(), zero, t), floor(iface.tx(), zero, t));
    }

    private static long floor(Traffic traffic, long from, long to) {
        return (long) Math.floor(traffic.bytesBetween(from, to));
    }
}
