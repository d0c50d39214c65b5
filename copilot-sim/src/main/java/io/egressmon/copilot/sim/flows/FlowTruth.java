package io.egressmon.copilot.sim.flows;

import io.egressmon.avro.TalkerRole;
import io.egressmon.copilot.sim.Estate;
import io.egressmon.copilot.sim.flowiq.FlowEstate;
import io.egressmon.copilot.sim.flowiq.FlowRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.OptionalDouble;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What the spokes' flow exports carry, in closed form: the same computation as the exporter's, for any
 * minute, whether or not it was exported (what was is {@link FlowExporter#exportedMinutes()}).
 *
 * <p>Coverage (a gateway's flow egress ÷ its counter egress over an hour) is exactly 1 for an
 * unsampled spoke; for a sampled one it is {@code Σ N × (bytes of the sampled packets of its egress
 * flows) ÷ Σ counter egress} over the hour's 60 minutes — deterministic 1-in-N sampling makes that a
 * known figure, which {@link #expectedCoverage} gives.
 */
public final class FlowTruth {

    /**
     * One spoke's minute as a correct collector sees it: per role, bytes by IP of the egress flows
     * (outbound: the public destination is external, the RFC1918 source internal; inbound the
     * reverse; CGNAT and east-west flows count nowhere) before sampling and after ({@code N ×} the
     * sampled bytes). {@code counterEgressBytes} is what the spoke's counters recorded over the
     * minute (for the no-metrics spoke, what they would have).
     */
    public record MinuteTruth(String gateway, Instant minute, int samplingRate, long counterEgressBytes,
                              long flowEgressBytes, long collectedEgressBytes,
                              Map<TalkerRole, Map<String, Long>> observed,
                              Map<TalkerRole, Map<String, Long>> collected) {

        public Map<String, Long> observed(TalkerRole role) {
            return observed.getOrDefault(role, Map.of());
        }

        public Map<String, Long> collected(TalkerRole role) {
            return collected.getOrDefault(role, Map.of());
        }
    }

    private final Estate estate;
    private final MinuteFlows minuteFlows;
    private final List<SpokeExporter> exporters;
    private final Map<String, SpokeExporter> byGateway;

    public FlowTruth(FlowEstate flowEstate) {
        this.estate = flowEstate.estate();
        this.minuteFlows = new MinuteFlows(flowEstate);
        this.exporters = SpokeExporter.plan(flowEstate.estate());
        this.byGateway = exporters.stream().collect(Collectors.toMap(SpokeExporter::gateway, Function.identity()));
    }

    public List<SpokeExporter> exporters() {
        return exporters;
    }

    public SpokeExporter exporter(String gateway) {
        SpokeExporter exporter = byGateway.get(gateway);
        if (exporter == null) {
            throw new NoSuchElementException("no flow exporter for '" + gateway + "'");
        }
        return exporter;
    }

    /** The flows of the spoke's minute {@code [minute, minute + 60 s)}, before and after sampling. */
    public SpokeMinute flows(String gateway, Instant minute) {
        return minuteFlows.minute(exporter(gateway), minute);
    }

    MinuteFlows minuteFlows() {
        return minuteFlows;
    }

    public MinuteTruth minute(String gateway, Instant minute) {
        SpokeMinute flows = flows(gateway, minute);
        int rate = flows.exporter().samplingRate();
        Map<TalkerRole, Map<String, Long>> observed = tally(flows.observed(), 1);
        Map<TalkerRole, Map<String, Long>> collected = tally(flows.exported(), rate);
        return new MinuteTruth(gateway, minute, rate, flows.counterEgressBytes(), egress(flows.observed(), 1),
                egress(flows.exported(), rate), observed, collected);
    }

    /**
     * A correct collector's coverage of the gateway over {@code [hour, hour + 1 h)} when every minute
     * of it was exported; empty when there are no counters to compare with (the no-metrics spoke,
     * whose flows follow the counters it would report).
     */
    public OptionalDouble expectedCoverage(String gateway, Instant hour) {
        if (!estate.require(gateway).hasMetrics()) {
            return OptionalDouble.empty();
        }
        long counters = 0;
        long collected = 0;
        for (int i = 0; i < 60; i++) {
            MinuteTruth truth = minute(gateway, hour.plus(Duration.ofMinutes(i)));
            counters += truth.counterEgressBytes();
            collected += truth.collectedEgressBytes();
        }
        return counters == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) collected / counters);
    }

    private static long egress(List<WireFlow> flows, int rate) {
        long sum = 0;
        for (WireFlow flow : flows) {
            if (MinuteFlows.egress(flow.record(), true) || MinuteFlows.egress(flow.record(), false)) {
                sum += flow.bytes() * rate;
            }
        }
        return sum;
    }

    private static Map<TalkerRole, Map<String, Long>> tally(List<WireFlow> flows, int rate) {
        Map<TalkerRole, Map<String, Long>> tally = new LinkedHashMap<>();
        tally.put(TalkerRole.EXTERNAL, new HashMap<>());
        tally.put(TalkerRole.INTERNAL, new HashMap<>());
        for (WireFlow flow : flows) {
            FlowRecord record = flow.record();
            long bytes = flow.bytes() * rate;
            if (MinuteFlows.egress(record, true)) {
                tally.get(TalkerRole.EXTERNAL).merge(record.dstAddr(), bytes, Long::sum);
                tally.get(TalkerRole.INTERNAL).merge(record.srcAddr(), bytes, Long::sum);
            } else if (MinuteFlows.egress(record, false)) {
                tally.get(TalkerRole.EXTERNAL).merge(record.srcAddr(), bytes, Long::sum);
                tally.get(TalkerRole.INTERNAL).merge(record.dstAddr(), bytes, Long::sum);
            }
        }
        tally.replaceAll((role, map) -> Collections.unmodifiableMap(map));
        return Collections.unmodifiableMap(tally);
    }
}
