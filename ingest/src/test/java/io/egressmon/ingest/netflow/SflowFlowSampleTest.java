package io.egressmon.ingest.netflow;

import static io.egressmon.ingest.netflow.SflowDatagramBuilder.UNKNOWN_INTERFACE;
import static io.egressmon.ingest.netflow.SflowDatagramBuilder.datagram;
import static io.egressmon.ingest.netflow.SflowDatagramBuilder.rawHeader;
import static io.egressmon.ingest.netflow.SflowDatagramBuilder.sampledIpv4;
import static io.egressmon.ingest.netflow.SflowDatagramBuilder.sampledIpv6;
import static io.egressmon.ingest.netflow.SflowFrames.ethernet;
import static io.egressmon.ingest.netflow.SflowFrames.icmp;
import static io.egressmon.ingest.netflow.SflowFrames.ip;
import static io.egressmon.ingest.netflow.SflowFrames.ipv4;
import static io.egressmon.ingest.netflow.SflowFrames.ipv6;
import static io.egressmon.ingest.netflow.SflowFrames.tcp;
import static io.egressmon.ingest.netflow.SflowFrames.udp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.egressmon.ingest.netflow.SflowFrames.Extension;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("An sFlow flow sample")
class SflowFlowSampleTest {
    private static final InetAddress EXPORTER = ip("192.0.2.1");
    private static final long NOW = 1_700_000_000_000L;
    private static final byte[] TCP_V4 = ipv4("10.0.0.1", "192.0.2.10", 6, tcp(40000, 443, 0x18, 100));

    private final CollectingSink sink = new CollectingSink();

    private static Flow decodeOne(SflowDatagramBuilder datagram) {
        return decodeOne(datagram, DecoderSettings.defaults());
    }

    /** Decodes {@code datagram} with a fresh decoder and sink, expecting it read and one flow out of it. */
    private static Flow decodeOne(SflowDatagramBuilder datagram, DecoderSettings settings) {
        CollectingSink sink = new CollectingSink();
        assertNull(new SflowDecoder(settings).decode(EXPORTER, datagram.buffer(), NOW, sink));
        return sink.only();
    }

    private static Flow decodeFrame(byte[] frame) {
        return decodeOne(datagram().flowSample(1, 1, 0, 0, rawHeader(frame)));
    }

    @Test
    @DisplayName("in the compact form becomes one flow of IP bytes and one packet, each times its sampling rate")
    void compactSample() {
        Flow flow = decodeOne(datagram().subAgent(3).flowSample(0x0100_0007, 512, 5, 9, rawHeader(ethernet(SflowFrames.IPV4, TCP_V4))));
        assertEquals(new Flow(ExportProtocol.SFLOW_V5, 3L << 32 | 0x0100_0007, ip("10.0.0.1"), ip("192.0.2.10"),
                40000, 443, 6, 140L * 512, 512, 512, NOW, NOW, ObservedDirection.UNKNOWN, 5, 9, 0x18), flow);
    }

    @Test
    @DisplayName("in the expanded form reads its interfaces from the index fields and folds its source id into the compact form")
    void expandedSample() {
        Flow flow = decodeOne(datagram().subAgent(2).expandedFlowSample(1, 7, 100, 70_000, 80_000,
                rawHeader(ethernet(SflowFrames.IPV4, TCP_V4))));
        assertEquals(2L << 32 | 0x0100_0007, flow.domain());
        assertEquals(70_000, flow.inputIf());
        assertEquals(80_000, flow.outputIf());
        assertEquals(140L * 100, flow.bytes());
    }

    @Test
    @DisplayName("has interface 0 where the agent does not know it, or the packet was discarded or went out of several")
    void unknownInterfaces() {
        Flow flow = decodeOne(datagram().flowSample(1, 1, UNKNOWN_INTERFACE, 2 << 30 | 4,
                rawHeader(ethernet(SflowFrames.IPV4, TCP_V4))));
        assertEquals(0, flow.inputIf());
        assertEquals(0, flow.outputIf());
    }

    @Test
    @DisplayName("reads through 802.1Q and QinQ tags")
    void vlanTags() {
        assertEquals(443, decodeFrame(ethernet(SflowFrames.IPV4, TCP_V4, 42)).dstPort());
        Flow qinq = decodeFrame(ethernet(SflowFrames.IPV4, TCP_V4, 100, 42));
        assertEquals(ip("192.0.2.10"), qinq.dstAddr());
        assertEquals(140, qinq.bytes());
    }

    @Test
    @DisplayName("finds the ports after IPv4 options")
    void ipv4Options() {
        Flow flow = decodeFrame(ethernet(SflowFrames.IPV4,
                ipv4("10.0.0.4", "192.0.2.20", 17, 0, new byte[] {(byte) 0x94, 4, 0, 0}, udp(1234, 4321, 50))));
        assertEquals(1234, flow.srcPort());
        assertEquals(4321, flow.dstPort());
        assertEquals(24 + 58, flow.bytes());
    }

    @Test
    @DisplayName("reads IPv6 TCP, and UDP behind hop-by-hop and fragment headers, counting the 40-byte header")
    void ipv6Packets() {
        Flow tcpFlow = decodeFrame(ethernet(SflowFrames.IPV6, ipv6("2001:db8::1", "2001:db8::2", 6, tcp(50000, 80, 0x02, 10))));
        assertEquals(new Flow(ExportProtocol.SFLOW_V5, 1, ip("2001:db8::1"), ip("2001:db8::2"), 50000, 80, 6, 70, 1, 1,
                NOW, NOW, ObservedDirection.UNKNOWN, 0, 0, 0x02), tcpFlow);
        Flow udpFlow = decodeFrame(ethernet(SflowFrames.IPV6, ipv6("2001:db8::1", "2001:db8::2",
                17, udp(5000, 53, 12), Extension.hopByHop(), Extension.fragment(0, true))));
        assertEquals(17, udpFlow.ipProtocol());
        assertEquals(53, udpFlow.dstPort());
        assertEquals(40 + 16 + 20, udpFlow.bytes());
    }

    @Test
    @DisplayName("puts ICMP and ICMPv6 type << 8 | code in the destination port")
    void icmpTypeAndCode() {
        Flow v4 = decodeFrame(ethernet(SflowFrames.IPV4, ipv4("10.0.0.3", "203.0.113.9", 1, icmp(3, 4, 20))));
        assertEquals(3 << 8 | 4, v4.dstPort());
        assertEquals(0, v4.srcPort());
        Flow v6 = decodeFrame(ethernet(SflowFrames.IPV6, ipv6("2001:db8::3", "2001:db8::4", 58, icmp(128, 0, 8))));
        assertEquals(128 << 8, v6.dstPort());
    }

    @Test
    @DisplayName("of a later fragment has its protocol but no ports")
    void laterFragment() {
        Flow flow = decodeFrame(ethernet(SflowFrames.IPV4, ipv4("10.0.0.1", "10.0.0.2", 17, 185, new byte[0], udp(1, 2, 30))));
        assertEquals(17, flow.ipProtocol());
        assertEquals(0, flow.srcPort() | flow.dstPort());
    }

    @Test
    @DisplayName("reads bare IPv4 and IPv6 headers (header protocols 11 and 12)")
    void bareIpHeaders() {
        assertEquals(443, decodeOne(datagram().flowSample(1, 1, 0, 0, rawHeader(11, 140, 0, TCP_V4))).dstPort());
        Flow v6 = decodeOne(datagram().flowSample(1, 1, 0, 0,
                rawHeader(12, 68, 0, ipv6("2001:db8::1", "2001:db8::2", 17, udp(9, 10, 20)))));
        assertEquals(68, v6.bytes());
        assertEquals(10, v6.dstPort());
    }

    @Test
    @DisplayName("counts the IP packet, not the Ethernet padding of a short frame")
    void paddingIsNotIpBytes() {
        byte[] frame = ethernet(SflowFrames.IPV4, ipv4("10.0.0.1", "10.0.0.2", 6, tcp(1, 2, 0x10, 0)));
        assertEquals(60, frame.length);
        assertEquals(40, decodeFrame(frame).bytes());
    }

    @Test
    @DisplayName("whose IP header says length 0 (a TSO copy) counts the frame less the stripped FCS and the link header")
    void lengthFromFrame() {
        byte[] frame = ethernet(SflowFrames.IPV4, TCP_V4, 42);
        frame[18 + 2] = 0;
        frame[18 + 3] = 0;
        byte[] cut = Arrays.copyOf(frame, 64);
        assertEquals(9000 - 4 - 18, decodeOne(datagram().flowSample(1, 1, 0, 0, rawHeader(1, 9000, 4, cut))).bytes());
    }

    @Test
    @DisplayName("without a raw header uses the sampled IPv4 or IPv6 record; with both, the raw header")
    void sampledIpRecords() {
        assertEquals(new Flow(ExportProtocol.SFLOW_V5, 1, ip("10.1.1.1"), ip("10.2.2.2"), 1111, 2222, 17, 1500L * 10, 10, 10,
                        NOW, NOW, ObservedDirection.UNKNOWN, 0, 0, 0),
                decodeOne(datagram().flowSample(1, 10, 0, 0, sampledIpv4(1500, 17, "10.1.1.1", "10.2.2.2", 1111, 2222, 0))));
        Flow v6 = decodeOne(datagram().flowSample(1, 1, 0, 0,
                sampledIpv6(1280, 6, "2001:db8::a", "2001:db8::b", 3333, 443, 0x12)));
        assertEquals(ip("2001:db8::b"), v6.dstAddr());
        assertEquals(0x12, v6.tcpFlags());
        Flow both = decodeOne(datagram().flowSample(1, 1, 0, 0,
                sampledIpv4(1500, 17, "10.1.1.1", "10.2.2.2", 1111, 2222, 0), rawHeader(ethernet(SflowFrames.IPV4, TCP_V4))));
        assertEquals(ip("10.0.0.1"), both.srcAddr());
    }

    @Test
    @DisplayName("with a sampling rate of 0 takes the rate configured for its exporter, else the default")
    void rateFromSettings() {
        DecoderSettings settings = new DecoderSettings(Map.of(EXPORTER, 64L), 8, Duration.ofMinutes(1), 10, EgressCopies.AUTO);
        Flow flow = decodeOne(datagram().flowSample(1, 0, 0, 0, rawHeader(ethernet(SflowFrames.IPV4, TCP_V4))), settings);
        assertEquals(64, flow.samplingRate());
        assertEquals(140L * 64, flow.bytes());
        new SflowDecoder(settings).decode(ip("192.0.2.99"), datagram().flowSample(1, 0, 0, 0,
                rawHeader(ethernet(SflowFrames.IPV4, TCP_V4))).buffer(), NOW, sink);
        assertEquals(8, sink.only().packets());
    }

    @Test
    @DisplayName("of ARP is dropped as not IP, one of a header cut before its addresses or with no packet record as not a flow")
    void notIp() {
        SflowDecoder decoder = new SflowDecoder(DecoderSettings.defaults());
        byte[] cut = Arrays.copyOf(ethernet(SflowFrames.IPV4, TCP_V4), 14 + 19);
        assertNull(decoder.decode(EXPORTER, datagram()
                .flowSample(1, 1, 0, 0, rawHeader(ethernet(SflowFrames.ARP, SflowFrames.arp())))
                .flowSample(1, 1, 0, 0, rawHeader(1, 200, 4, cut))
                .flowSample(1, 1, 0, 0, SflowDatagramBuilder.record(1001, new byte[16]))
                .flowSample(1, 1, 0, 0, rawHeader(7, 200, 0, TCP_V4))
                .buffer(), NOW, sink));
        assertTrue(sink.flows.isEmpty());
        assertEquals(Map.of(Dropped.NOT_IP, 2L, Dropped.NOT_A_FLOW, 2L), sink.dropped);
    }

    @Test
    @DisplayName("whose bytes times rate overflow a long is a bad sample, not an exception")
    void overflow() {
        SflowDecoder decoder = new SflowDecoder(DecoderSettings.defaults());
        assertEquals(Malformed.BAD_SAMPLE, decoder.decode(EXPORTER, datagram().flowSample(1, -1, 0, 0,
                sampledIpv4(-1, 6, "10.0.0.1", "10.0.0.2", 1, 2, 0)).buffer(), NOW, sink));
        assertTrue(sink.flows.isEmpty());
    }
}
