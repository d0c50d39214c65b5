package io.egressmon.ingest.netflow.exporters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.egressmon.ingest.netflow.DecoderSettings;
import io.egressmon.ingest.netflow.NetflowDecoder;
import io.egressmon.ingest.netflow.SflowDecoder;
import io.egressmon.ingest.netflow.exporters.Replays.Export;
import io.egressmon.ingest.netflow.exporters.Softflowd.Variant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Our decoders fed the datagrams the real exporters sent ({@link Replays}: the same bytes nfdump read
 * in {@link RealExportersIT}), held to the pcap's ground truth and to nfdump. Flows carry counts already
 * scaled by the sampling rate, so a 1-in-N export must come to N × what the exporter counted.
 */
@DisplayName("Our decoders reading real exporters' datagrams")
class RealExportersDecoderIT {
    /** sFlow at 1-in-N from pmacctd is random: estimates must fall within this many standard deviations. */
    private static final double SIGMAS = 5;

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.egressmon.ingest.netflow.exporters.RealExportersIT#softflowdVariants")
    @DisplayName("NetflowDecoder reads softflowd's export with nothing malformed, and gives each IP the truth (× N for -s N) and nfdump's counts (× N)")
    void softflowd(Variant variant) {
        assertNetflowDecoderMatches(Replays.softflowd(variant));
    }

    @Test
    @DisplayName("NetflowDecoder reads pmacctd's IPFIX (8-byte counters, options template 4096) with nothing malformed, and gives each IP the truth and nfdump's counts")
    void pmacctdIpfix() {
        assertNetflowDecoderMatches(Replays.pmacctdIpfix());
    }

    @Test
    @DisplayName("NetflowDecoder reads Open vSwitch's IPFIX, counts each packet once (ingress copies only), and gives each IP the truth")
    void openVswitch() {
        Export export = Replays.ovsIpfix();
        SummingSink ours = SummingSink.decode(new NetflowDecoder(DecoderSettings.defaults()), export.datagrams());
        report(export, ours);
        assertEquals(Map.of(), ours.malformed(), export + ": datagrams our decoder could not read");
        assertEquals("", ours.totals().differencesFrom(export.counted()), export + ": ours differ from the truth");
        assertTrue(ours.dropped().getOrDefault(io.egressmon.ingest.netflow.Dropped.EGRESS_COPY, 0L) > 0,
            export + ": no egress copies dropped, yet OvS sends every packet twice: " + ours.dropped());
    }

    @Test
    @DisplayName("SflowDecoder reads pmacctd's sFlow at 1-in-1 with nothing malformed, and gives each IP the pcap's IP bytes (frame length less Ethernet) and packets")
    void sfprobeUnsampled() {
        Export export = Replays.sfprobe(1);
        SummingSink ours = SummingSink.decode(new SflowDecoder(DecoderSettings.defaults()), export.datagrams());
        report(export, ours);
        assertEquals(Map.of(), ours.malformed(), export + ": datagrams our decoder could not read");
        assertEquals("", ours.totals().without(Pmacctd.TAIL).differencesFrom(export.counted()),
            export + ": ours differ from the truth");
    }

    @Test
    @DisplayName("SflowDecoder scales pmacctd's random 1-in-4 samples to within 5 standard deviations of each IP's truth (σ² = (N−1)·Σ size² for bytes, (N−1)·n for packets)")
    void sfprobeSampled() {
        int rate = 4;
        Export export = Replays.sfprobe(rate);
        SummingSink ours = SummingSink.decode(new SflowDecoder(DecoderSettings.defaults()), export.datagrams());
        report(export, ours);
        assertEquals(Map.of(), ours.malformed(), export + ": datagrams our decoder could not read");
        assertEquals(Set.of((long) rate), ours.samplingRates(), "the sampling rate the flows carry");
        Map<String, Double> sourceSquares = new HashMap<>();
        Map<String, Double> destinationSquares = new HashMap<>();
        for (Packet p : Replays.PLAN.packets()) {
            sourceSquares.merge(Totals.key(p.src()), (double) p.ipLength() * p.ipLength(), Double::sum);
            destinationSquares.merge(Totals.key(p.dst()), (double) p.ipLength() * p.ipLength(), Double::sum);
        }
        String beyond = ours.totals().without(Pmacctd.TAIL).differencesBeyond(export.counted(), (expected, actual) -> {
            double squares = sumOfSquaresFor(expected, sourceSquares, destinationSquares);
            double bytesBound = SIGMAS * Math.sqrt((rate - 1) * squares);
            double packetsBound = SIGMAS * Math.sqrt((rate - 1) * (double) expected.packets());
            return Math.abs(actual.bytes() - expected.bytes()) > bytesBound
                || Math.abs(actual.packets() - expected.packets()) > packetsBound;
        });
        assertEquals("", beyond, export + ": estimates beyond " + SIGMAS + " σ of the truth");
        double total = ours.totals().without(Pmacctd.TAIL).totalBytes();
        System.out.printf("%s: total bytes estimated %.0f vs %d true (%.1f %%)%n", export, total,
            export.counted().totalBytes(), 100 * (total - export.counted().totalBytes()) / export.counted().totalBytes());
    }

    /** Σ size² of the packets behind {@code expected}: found by its exact bytes and packets among the truth's counts. */
    private static double sumOfSquaresFor(Totals.Count expected, Map<String, Double> bySource, Map<String, Double> byDestination) {
        Totals truth = Replays.PLAN.truth();
        for (var e : truth.bySource().entrySet()) {
            if (e.getValue().equals(expected)) {
                return bySource.get(e.getKey());
            }
        }
        for (var e : truth.byDestination().entrySet()) {
            if (e.getValue().equals(expected)) {
                return byDestination.get(e.getKey());
            }
        }
        return 0; // an address the truth does not have: any estimate for it is out of bounds
    }

    private static void assertNetflowDecoderMatches(Export export) {
        SummingSink ours = SummingSink.decode(new NetflowDecoder(DecoderSettings.defaults()), export.datagrams());
        report(export, ours);
        long n = export.samplingRate();
        assertEquals(Map.of(), ours.malformed(), export + ": datagrams our decoder could not read");
        assertEquals(Set.of(n), ours.samplingRates(), export + ": the sampling rate the flows carry");
        assertEquals("", ours.totals().differencesFrom(export.counted().times(n)),
            export + ": ours differ from the truth" + (n > 1 ? " × " + n : ""));
        assertEquals("", ours.totals().differencesFrom(Replays.nfdump(export).times(n)),
            export + ": ours differ from nfdump's raw counts" + (n > 1 ? " × " + n : ""));
    }

    private static void report(Export export, SummingSink ours) {
        System.out.printf("%s: %d datagrams → %d flows, %d B/%d pkt (expected %d B/%d pkt × %d); rates %s, dropped %s, malformed %s%n",
            export, export.datagrams().size(), ours.flows(), ours.totals().totalBytes(), ours.totals().totalPackets(),
            export.counted().totalBytes(), export.counted().totalPackets(), export.samplingRate(),
            ours.samplingRates(), ours.dropped(), ours.malformed());
    }
}
