package io.egressmon.ingest.netflow;

import static io.egressmon.ingest.netflow.IpfixDecoderTest.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Datagrams captured from real exporters replaying {@code flows.pcap} (see
 * {@code src/test/resources/netflow/README.md}), decoded and compared with the pcap's flows.
 */
@DisplayName("Datagrams from real exporters")
class RealExportersTest {
    static final InetAddress EXPORTER = ip("127.0.0.1");
    /** The pcap's first and last packet, epoch ms. */
    static final long PCAP_START_MS = 1_767_225_600_100L;
    static final long PCAP_END_MS = 1_767_225_603_600L;
    /** The export time of the Open vSwitch capture's data (it injects the pcap's frames without their times). */
    static final long OVS_EXPORT_MS = 0x6b0e4499L * 1000;
    /**
     * softflowd exports each bidirectional flow as two records and marks the second (reverse) one
     * flowDirection 1: those are not copies, so its captures are read counting "egress" records.
     */
    static final DecoderSettings COUNT_EGRESS = new DecoderSettings(Map.of(), 1, Duration.ofMinutes(10), 1024, EgressCopies.COUNT);

    private final CollectingSink sink = new CollectingSink();

    CollectingSink decode(String capture, DecoderSettings settings) {
        NetflowDecoder decoder = new NetflowDecoder(settings);
        for (byte[] datagram : Fixtures.datagrams(capture)) {
            assertNull(decoder.decode(EXPORTER, ByteBuffer.wrap(datagram), PCAP_END_MS, sink), capture);
        }
        assertEquals(0, decoder.heldSets(), "sets still waiting for a template");
        return sink;
    }

    /** Bytes and packets per 5-tuple, from the flows decoded. */
    static Map<String, List<Long>> decoded(List<Flow> flows) {
        return flows.stream().collect(Collectors.toMap(f -> key(f.srcAddr().getHostAddress(), f.dstAddr().getHostAddress(),
                        f.ipProtocol(), f.srcPort(), f.dstPort()), f -> List.of(f.bytes(), f.packets()),
                (a, b) -> List.of(a.get(0) + b.get(0), a.get(1) + b.get(1)), TreeMap::new));
    }

    /** Bytes and packets per 5-tuple, from the pcap, for the flows {@code included}. */
    static Map<String, List<Long>> truth(Predicate<Fixtures.TrueFlow> included) {
        return Fixtures.truth().stream().filter(included).collect(Collectors.toMap(t -> key(ip(t.src()).getHostAddress(),
                ip(t.dst()).getHostAddress(), t.protocol(), t.srcPort(), t.dstPort()), t -> List.of(t.bytes(), t.packets()),
                (a, b) -> a, TreeMap::new));
    }

    static String key(String src, String dst, int protocol, int srcPort, int dstPort) {
        return src + " > " + dst + " " + protocol + " " + srcPort + ":" + dstPort;
    }

    static boolean ipv4(Fixtures.TrueFlow t) {
        return !t.src().contains(":");
    }

    @Test
    @DisplayName("softflowd NetFlow v5: every IPv4 flow of the pcap, bytes and packets exact (v5 carries no IPv6)")
    void softflowdV5() {
        assertEquals(truth(RealExportersTest::ipv4), decoded(decode("v5/softflowd-v5.bin", DecoderSettings.defaults()).flows));
    }

    @Test
    @DisplayName("softflowd NetFlow v5 sampling 1 in 2: the header's rate restores the pcap's counts")
    void softflowdV5Sampled() {
        decode("v5/softflowd-v5-sampled2.bin", DecoderSettings.defaults());
        assertEquals(truth(RealExportersTest::ipv4), decoded(sink.flows));
        assertTrue(sink.flows.stream().allMatch(f -> f.samplingRate() == 2));
    }

    @Test
    @DisplayName("softflowd v9, sysUpTime-relative times: every IPv4 and IPv6 flow exact, durations kept")
    void softflowdV9() {
        decode("v9/softflowd-v9.bin", DecoderSettings.defaults());
        assertEquals(truth(t -> true), decoded(sink.flows));
        assertEquals(700, duration("192.168.7.9"), "8 packets 100 ms apart");
    }

    @Test
    @DisplayName("softflowd v9 -A milli: absolute millisecond times within the pcap's")
    void softflowdV9Milli() {
        decode("v9/softflowd-v9-milli.bin", DecoderSettings.defaults());
        assertEquals(truth(t -> true), decoded(sink.flows));
        assertWithinPcap();
    }

    @Test
    @DisplayName("softflowd v9 -s 2: the options' SAMPLING_INTERVAL restores the pcap's counts")
    void softflowdV9Sampled() {
        decode("v9/softflowd-v9-sampled2.bin", DecoderSettings.defaults());
        assertEquals(truth(t -> true), decoded(sink.flows));
        assertTrue(sink.flows.stream().allMatch(f -> f.samplingRate() == 2));
    }

    @Test
    @DisplayName("softflowd IPFIX, sysUpTime-relative times placed by the options' systemInitTimeMilliseconds")
    void softflowdIpfix() {
        decode("ipfix/softflowd-ipfix.bin", DecoderSettings.defaults());
        assertEquals(truth(t -> true), decoded(sink.flows));
        assertEquals(700, duration("192.168.7.9"));
        assertTrue(sink.flows.stream().allMatch(f -> f.startMs() > PCAP_END_MS), "softflowd's uptime runs on the capture day's clock");
    }

    @Test
    @DisplayName("softflowd IPFIX -A milli: absolute millisecond times within the pcap's")
    void softflowdIpfixMilli() {
        decode("ipfix/softflowd-ipfix-milli.bin", DecoderSettings.defaults());
        assertEquals(truth(t -> true), decoded(sink.flows));
        assertWithinPcap();
    }

    @Test
    @DisplayName("softflowd IPFIX -s 2: samplingPacketInterval 1 and samplingPacketSpace 1 restore the pcap's counts")
    void softflowdIpfixSampled() {
        decode("ipfix/softflowd-ipfix-sampled2.bin", DecoderSettings.defaults());
        assertEquals(truth(t -> true), decoded(sink.flows));
        assertTrue(sink.flows.stream().allMatch(f -> f.samplingRate() == 2));
    }

    @Test
    @DisplayName("softflowd's reverse records (flowDirection 1) are traffic of their own: kept by default, dropped only when told to")
    void softflowdReverseRecordsKept() {
        decode("ipfix/softflowd-ipfix.bin", DecoderSettings.defaults());
        assertEquals(0, sink.dropped(Dropped.EGRESS_COPY));
        assertTrue(sink.flows.stream().anyMatch(f -> f.direction() == ObservedDirection.EGRESS));
        CollectingSink dropped = new CollectingSink();
        NetflowDecoder decoder = new NetflowDecoder(new DecoderSettings(Map.of(), 1, Duration.ofMinutes(10), 1024, EgressCopies.DROP));
        for (byte[] datagram : Fixtures.datagrams("ipfix/softflowd-ipfix.bin")) {
            decoder.decode(EXPORTER, ByteBuffer.wrap(datagram), PCAP_END_MS, dropped);
        }
        assertEquals(2, dropped.dropped(Dropped.EGRESS_COPY));
    }

    @Test
    @DisplayName("pmacctd v9: 8-byte counters, absolute ms times, every flow exact")
    void pmacctdV9() {
        decode("v9/pmacctd-v9.bin", DecoderSettings.defaults());
        assertEquals(truth(t -> true), decoded(sink.flows));
        assertWithinPcap();
    }

    @Test
    @DisplayName("pmacctd IPFIX: 8-byte counters, absolute ms times, every flow exact")
    void pmacctdIpfix() {
        decode("ipfix/pmacctd-ipfix.bin", DecoderSettings.defaults());
        assertEquals(truth(t -> true), decoded(sink.flows));
        assertWithinPcap();
    }

    @Test
    @DisplayName("pmacctd IPFIX, random 1-in-2 sampling: the rate comes from its sampler table (options 4096, IE 48 in each record)")
    void pmacctdIpfixSampled() {
        decode("ipfix/pmacctd-ipfix-sampled2.bin", DecoderSettings.defaults());
        assertTrue(sink.flows.stream().allMatch(f -> f.samplingRate() == 2));
        Map<String, List<Long>> truth = truth(t -> true);
        decoded(sink.flows).forEach((flow, counts) -> {
            List<Long> exact = truth.get(flow);
            assertEquals(exact.get(0) / exact.get(1), counts.get(0) / counts.get(1), flow + ": bytes per packet");
            assertEquals(0, counts.get(1) % 2, flow + ": packets × 2");
        });
    }

    @Test
    @DisplayName("pmacctd IPFIX received out of order: the data-only datagram waits for the one with the templates")
    void pmacctdIpfixLateTemplates() {
        List<byte[]> datagrams = Fixtures.datagrams("ipfix/pmacctd-ipfix.bin");
        NetflowDecoder decoder = new NetflowDecoder(DecoderSettings.defaults());
        assertNull(decoder.decode(EXPORTER, ByteBuffer.wrap(datagrams.get(1)), PCAP_END_MS, sink));
        assertEquals(0, sink.flows.size());
        assertEquals(3, decoder.heldSets());
        assertNull(decoder.decode(EXPORTER, ByteBuffer.wrap(datagrams.get(0)), PCAP_END_MS, sink));
        assertEquals(truth(t -> true), decoded(sink.flows));
    }

    @Test
    @DisplayName("Open vSwitch IPFIX: ingress records exact, every egress copy (IE 61 = 1) dropped, past ~90 templates with variable-length and enterprise fields")
    void openVswitch() {
        decode("ipfix/ovs-ipfix.bin", DecoderSettings.defaults());
        assertEquals(truth(t -> true), decoded(sink.flows));
        assertEquals(Fixtures.truth().size(), sink.dropped(Dropped.EGRESS_COPY));
        assertTrue(sink.flows.stream().allMatch(f -> f.direction() == ObservedDirection.INGRESS && f.domain() == 123));
    }

    @Test
    @DisplayName("Open vSwitch IPFIX: flowStart/EndDeltaMicroseconds (IE 158/159) place each flow just before its export")
    void openVswitchTimes() {
        decode("ipfix/ovs-ipfix.bin", DecoderSettings.defaults());
        Flow ntp = sink.flows.stream().filter(f -> f.srcAddr().getHostAddress().equals("192.168.7.9")).findFirst().orElseThrow();
        assertTrue(ntp.endMs() > ntp.startMs(), "8 packets injected one after another");
        assertTrue(sink.flows.stream().allMatch(f -> f.startMs() > OVS_EXPORT_MS - 10_000 && f.endMs() <= OVS_EXPORT_MS), "within 10 s before export");
    }

    @Test
    @DisplayName("Open vSwitch IPFIX counting egress copies too: every flow twice")
    void openVswitchBothCopies() {
        decode("ipfix/ovs-ipfix.bin", COUNT_EGRESS);
        Map<String, List<Long>> doubled = new TreeMap<>();
        truth(t -> true).forEach((flow, counts) -> doubled.put(flow, List.of(2 * counts.get(0), 2 * counts.get(1))));
        assertEquals(doubled, decoded(sink.flows));
    }

    private long duration(String src) {
        Flow flow = sink.flows.stream().filter(f -> f.srcAddr().getHostAddress().equals(src)).findFirst().orElseThrow();
        return flow.endMs() - flow.startMs();
    }

    private void assertWithinPcap() {
        for (Flow f : sink.flows) {
            assertTrue(f.startMs() >= PCAP_START_MS && f.endMs() <= PCAP_END_MS, f.toString());
        }
    }
}
