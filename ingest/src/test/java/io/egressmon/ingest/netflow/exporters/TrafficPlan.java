package io.egressmon.ingest.netflow.exporters;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;

/**
 * Flows a test declares, turned into timestamped packets: the one source both of the pcap the
 * exporters replay and of the ground truth they are held to. Each flow's packets are spread over up to
 * three seconds, flows start a little apart, and packets of all flows interleave in time order.
 */
public final class TrafficPlan {
    private static final long SPAN_MICROS = 3_000_000;
    private static final long GAP_MICROS = 250_000;

    private record FlowSpec(InetAddress src, InetAddress dst, int protocol, int srcPort, int dstPort, int[] payloads) {
    }

    private final long startMicros;
    private final List<FlowSpec> flows = new ArrayList<>();

    private TrafficPlan(long startMicros) {
        this.startMicros = startMicros;
    }

    static TrafficPlan startingAt(Instant start) {
        return new TrafficPlan(start.getEpochSecond() * 1_000_000 + start.getNano() / 1_000);
    }

    /**
     * The mix every exporter test replays: IPv4 and IPv6; TCP both ways, UDP, ICMP and ICMPv6; public and
     * RFC 1918 / ULA addresses; packets of many sizes, and one bulk flow so that sampling has enough to
     * sample. Egress (one RFC 1918 / ULA end, one public end) runs both ways in IPv4 and IPv6, beside
     * flows that are not egress: private ↔ private (10.1.0.6 → 10.1.0.5) and public ↔ public (2001:db8:10::5,
     * a documentation address, is public to the streams app, ↔ 2606:4700::1111).
     */
    static TrafficPlan egressMix(Instant start) {
        TrafficPlan plan = startingAt(start)
            .tcp("10.1.0.5", 40001, "93.184.216.34", 443, 0, 517, 1460, 1460, 1460, 200, 0)
            .tcp("93.184.216.34", 443, "10.1.0.5", 40001, 0, 1460, 1460, 1460, 1460, 1460, 900)
            .tcp("10.1.0.5", 40002, "52.95.110.1", 443, 0, 310, 64, 1000, 0)
            .udp("192.168.7.20", 53000, "8.8.8.8", 53, 40, 45)
            .udp("8.8.8.8", 53, "192.168.7.20", 53000, 120, 200)
            .icmp("172.16.3.9", "1.1.1.1", 56, 56, 56, 56, 1472)
            .udp("10.1.0.6", 5000, "10.1.0.5", 5001, 1000, 10, 333, 1200, 77, 900)
            .tcp("2001:db8:10::5", 40003, "2606:4700::1111", 443, 0, 300, 1400, 1400)
            .tcp("2606:4700::1111", 443, "2001:db8:10::5", 40003, 1400, 1400, 1400, 1400, 20)
            .udp("fd00:1::7", 53001, "2001:4860:4860::8888", 53, 38, 50)
            .udp("2001:4860:4860::8888", 53, "fd00:1::7", 53001, 90, 310)
            .icmp("fd00:1::7", "2001:db8:10::5", 64, 64, 64);
        int[] bulk = new int[240];
        for (int i = 0; i < bulk.length; i++) {
            bulk[i] = 100 + (i * 397) % 1300;
        }
        return plan.udp("10.1.0.7", 41000, "34.120.0.1", 443, bulk);
    }

    /**
     * ovs-flowmon's README example ("Aggregates"): IP_A ↔ IP_B on two connections and IP_C → IP_B, at
     * 10, 10, 5, 3 and 3 kbit/s over a minute (75 000, 75 000, 37 500, 22 500 and 22 500 IP bytes, in
     * packets of 1 500). Its 76543 is no port; 56543 stands in.
     */
    public static TrafficPlan flowmonSeed(Instant start, String ipA, String ipB, String ipC) {
        return startingAt(start)
            .tcp(ipA, 65432, ipB, 80, full(50))
            .tcp(ipB, 80, ipA, 65432, full(50))
            .tcp(ipC, 56543, ipB, 80, full(25))
            .tcp(ipA, 65433, ipB, 80, full(15))
            .tcp(ipB, 80, ipA, 65433, full(15));
    }

    /** {@code n} TCP payloads that make 1 500-byte IPv4 packets. */
    private static int[] full(int n) {
        int[] payloads = new int[n];
        java.util.Arrays.fill(payloads, 1460);
        return payloads;
    }

    TrafficPlan tcp(String src, int srcPort, String dst, int dstPort, int... payloads) {
        return add(src, dst, Frames.TCP, srcPort, dstPort, payloads);
    }

    TrafficPlan udp(String src, int srcPort, String dst, int dstPort, int... payloads) {
        return add(src, dst, Frames.UDP, srcPort, dstPort, payloads);
    }

    /** ICMP echo requests (ICMPv6 for IPv6 addresses). */
    TrafficPlan icmp(String src, String dst, int... payloads) {
        InetAddress s = address(src);
        return add(src, dst, s instanceof Inet4Address ? Frames.ICMP : Frames.ICMPV6, 0x1234, 1, payloads);
    }

    private TrafficPlan add(String src, String dst, int protocol, int srcPort, int dstPort, int[] payloads) {
        flows.add(new FlowSpec(address(src), address(dst), protocol, srcPort, dstPort, payloads.clone()));
        return this;
    }

    /** A plan of this one's IPv4 flows only (NetFlow v5 cannot carry IPv6). */
    TrafficPlan ipv4Only() {
        TrafficPlan only = new TrafficPlan(startMicros);
        flows.stream().filter(f -> f.src() instanceof Inet4Address).forEach(only.flows::add);
        return only;
    }

    /** Every packet, in time order. */
    public List<Packet> packets() {
        List<Packet> packets = new ArrayList<>();
        int ipId = 1;
        for (int i = 0; i < flows.size(); i++) {
            FlowSpec f = flows.get(i);
            long gap = Math.min(GAP_MICROS, SPAN_MICROS / Math.max(1, f.payloads().length));
            long first = startMicros + i * 97_000L;
            for (int j = 0; j < f.payloads().length; j++) {
                boolean echo = f.protocol() == Frames.ICMP || f.protocol() == Frames.ICMPV6;
                int dstPort = echo ? f.dstPort() + j : f.dstPort();
                byte[] frame = Frames.frame(f.src(), f.dst(), f.protocol(), f.srcPort(), dstPort, f.payloads()[j], ipId++);
                long jitter = (i * 7_919L + j * 104_729L) % 1_000;
                packets.add(new Packet(first + j * gap + jitter, f.src(), f.dst(), f.protocol(),
                    Frames.ipLength(f.src(), f.protocol(), f.payloads()[j]), frame));
            }
        }
        packets.sort(Comparator.comparingLong(Packet::timestampMicros));
        return List.copyOf(packets);
    }

    /** Bytes and packets per source and destination IP of every packet. */
    Totals truth() {
        return Totals.of(packets());
    }

    /** The truth over the packets {@code kept} selects (e.g. the ones a 1-in-N sampler takes). */
    Totals truthOf(Predicate<Packet> kept) {
        return Totals.of(packets().stream().filter(kept).toList());
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP literal: " + literal, e);
        }
    }
}
