package io.egressmon.ingest.ovsdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.egressmon.ingest.netflow.DecoderSettings;
import io.egressmon.ingest.netflow.Dropped;
import io.egressmon.ingest.netflow.Flow;
import io.egressmon.ingest.netflow.FlowSink;
import io.egressmon.ingest.netflow.Malformed;
import io.egressmon.ingest.netflow.NetflowDecoder;
import io.egressmon.ingest.netflow.exporters.Capture;
import io.egressmon.ingest.netflow.exporters.Capture.Datagram;
import io.egressmon.ingest.netflow.exporters.Frames;
import io.egressmon.ingest.netflow.exporters.OpenVswitch;
import io.egressmon.ingest.netflow.exporters.Packet;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our OVSDB client driving a real Open vSwitch 3.1 (ovsdb-server and ovs-vswitchd in userspace, dummy
 * datapath): the IPFIX exporter it starts is read back with our own decoder.
 */
@DisplayName("IPFIX control of a real Open vSwitch over OVSDB")
class OvsdbIpfixIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    /** Longer than the 2 s cache active timeout plus OvS's ~0.5 s export delay: the exporter has flushed. */
    private static final Duration QUIET = Duration.ofSeconds(4);

    @TempDir
    static Path dir;
    private static OpenVswitch ovs;

    @BeforeAll
    static void startSwitch() {
        ovs = OpenVswitch.start(dir);
    }

    @AfterAll
    static void stopSwitch() {
        if (ovs != null) {
            ovs.close();
        }
    }

    @Test
    @DisplayName("start exports the injected packets once each under domain 123; reconfigure switches to domain 456; stop ends the exports")
    void startReconfigureStop() throws Exception {
        List<Packet> packets = packets();
        try (Capture capture = Capture.open(); OvsdbClient client = connect()) {
            IpfixControl control = new IpfixControl(client, TIMEOUT);
            assertEquals(List.of(new BridgeIpfix("br0", Optional.empty())), control.bridges());

            IpfixSettings settings = IpfixSettings.of(List.of(capture.target()), 1, 123, 2, 1000);
            control.start("br0", settings);
            assertEquals(List.of(new BridgeIpfix("br0", Optional.of(settings))), control.bridges());
            Decoded first = exportOf(packets, capture, 0);
            assertEquals(Set.of(123L), first.domains, "observation domains of the first exports");
            assertEquals(truth(packets), first.byPair, "bytes/packets per src>dst, ingress only");
            assertTrue(first.dropped.getOrDefault(Dropped.EGRESS_COPY, 0L) > 0,
                "OvS sends each packet at ingress and egress; egress copies should have been dropped: " + first.dropped);

            IpfixSettings moved = settings.withObsDomainId(456);
            control.reconfigure("br0", moved);
            assertEquals(List.of(new BridgeIpfix("br0", Optional.of(moved))), control.bridges());
            Decoded second = exportOf(packets, capture, capture.datagrams().size());
            assertEquals(Set.of(456L), second.domains, "observation domains after reconfigure");
            assertEquals(truth(packets), second.byPair, "bytes/packets per src>dst after reconfigure");

            control.stop("br0");
            assertEquals(List.of(new BridgeIpfix("br0", Optional.empty())), control.bridges());
            int before = capture.awaitQuiet(QUIET).size();
            ovs.inject(packets);
            Thread.sleep(QUIET.plusSeconds(2).toMillis()); // past the active timeout and the export delay
            assertEquals(before, capture.datagrams().size(), "datagrams arrived after stop");
        }
    }

    @Test
    @DisplayName("start on a bridge the switch does not have fails with a message naming the bridge")
    void unknownBridge() throws Exception {
        try (OvsdbClient client = connect()) {
            IpfixControl control = new IpfixControl(client, TIMEOUT);
            List<BridgeIpfix> before = control.bridges();
            OvsdbException e = assertThrows(OvsdbException.class,
                () -> control.start("no-such-br", IpfixSettings.of(List.of("127.0.0.1:4739"), 1, 1, 2, 10)));
            assertTrue(e.getMessage().contains("no bridge named 'no-such-br'"), e.getMessage());
            assertThrows(OvsdbException.class, () -> control.stop("no-such-br"));
            assertEquals(before, control.bridges(), "the bridges and their exporters, unchanged");
        }
    }

    @Test
    @DisplayName("the real server lists its databases and rejects a transaction on one it lacks with its own words")
    void serverErrors() throws Exception {
        try (OvsdbClient client = connect()) {
            assertTrue(client.listDbs().contains("Open_vSwitch"), "databases: " + client.listDbs());
            OvsdbException e = assertThrows(OvsdbException.class, () -> client.transact("Nope", List.of()));
            assertTrue(e.getMessage().startsWith("OVSDB transact failed: unknown database"), e.getMessage());
        }
    }

    @Test
    @DisplayName("a unix socket that does not exist gives an error naming the address")
    void missingSocket() {
        OvsdbAddress address = OvsdbAddress.parse("unix:" + dir.resolve("nobody-here.sock"));
        OvsdbException e = assertThrows(OvsdbException.class, () -> OvsdbClient.connect(address, TIMEOUT));
        assertTrue(e.getMessage().startsWith("cannot connect to OVSDB at " + address + ": "), e.getMessage());
    }

    @Test
    @DisplayName("a TCP port nobody listens on gives an error naming the address")
    void refusedTcp() throws IOException {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort(); // closed again below: nobody listens there any more
        }
        OvsdbAddress address = OvsdbAddress.parse("tcp:127.0.0.1:" + port);
        OvsdbException e = assertThrows(OvsdbException.class, () -> OvsdbClient.connect(address, TIMEOUT));
        assertTrue(e.getMessage().startsWith("cannot connect to OVSDB at tcp:127.0.0.1:" + port + ": "), e.getMessage());
    }

    private static OvsdbClient connect() throws OvsdbException {
        return OvsdbClient.connect(OvsdbAddress.parse("unix:" + ovs.databaseSocket()), TIMEOUT);
    }

    /** Injects {@code packets} and decodes what arrives from datagram {@code from} on, once OvS has gone quiet. */
    private static Decoded exportOf(List<Packet> packets, Capture capture, int from) {
        ovs.inject(packets);
        if (capture.awaitUntil(d -> d.size() > from, Duration.ofSeconds(10)).size() == from) {
            fail("Open vSwitch sent no IPFIX within 10 s of the frames; see " + dir.resolve("ovs-vswitchd.log"));
        }
        List<Datagram> all = capture.awaitQuiet(QUIET);
        Decoded decoded = new Decoded();
        NetflowDecoder decoder = new NetflowDecoder(DecoderSettings.defaults());
        for (Datagram d : all.subList(from, all.size())) {
            Malformed why = decoder.decode(InetAddress.getLoopbackAddress(), ByteBuffer.wrap(d.bytes()), d.receivedAtMs(), decoded);
            assertEquals(null, why, "a datagram our decoder could not read");
        }
        return decoded;
    }

    /** Three flows: IPv4 UDP, IPv4 TCP, IPv6 UDP, of a few packets each. */
    private static List<Packet> packets() throws IOException {
        List<Packet> packets = new ArrayList<>();
        add(packets, "10.0.0.1", "10.0.0.2", Frames.UDP, 5, 100);
        add(packets, "10.0.0.3", "10.0.0.4", Frames.TCP, 3, 40);
        add(packets, "2001:db8::1", "2001:db8::2", Frames.UDP, 4, 200);
        return packets;
    }

    private static void add(List<Packet> packets, String src, String dst, int protocol, int count, int payload)
        throws IOException {
        InetAddress s = InetAddress.getByName(src);
        InetAddress d = InetAddress.getByName(dst);
        for (int i = 0; i < count; i++) {
            byte[] frame = Frames.frame(s, d, protocol, 40_000, 9_000, payload + i, i + 1);
            packets.add(new Packet(0, s, d, protocol, Frames.ipLength(s, protocol, payload + i), frame));
        }
    }

    private static Map<String, String> truth(List<Packet> packets) {
        Map<String, long[]> sums = new TreeMap<>();
        packets.forEach(p -> add(sums, p.src(), p.dst(), p.ipLength(), 1));
        return render(sums);
    }

    private static void add(Map<String, long[]> sums, InetAddress src, InetAddress dst, long bytes, long packets) {
        long[] sum = sums.computeIfAbsent(src.getHostAddress() + ">" + dst.getHostAddress(), k -> new long[2]);
        sum[0] += bytes;
        sum[1] += packets;
    }

    private static Map<String, String> render(Map<String, long[]> sums) {
        Map<String, String> out = new TreeMap<>();
        sums.forEach((k, v) -> out.put(k, v[0] + " B/" + v[1] + " pkt"));
        return out;
    }

    /** What our decoder handed on: per src>dst bytes and packets, the observation domains, what it dropped. */
    private static final class Decoded implements FlowSink {
        private final Map<String, long[]> sums = new TreeMap<>();
        final Set<Long> domains = new TreeSet<>();
        final Map<Dropped, Long> dropped = new EnumMap<>(Dropped.class);
        Map<String, String> byPair = Map.of();

        @Override
        public void flow(InetAddress exporter, Flow flow) {
            domains.add(flow.domain());
            add(sums, flow.srcAddr(), flow.dstAddr(), flow.bytes(), flow.packets());
            byPair = render(sums);
        }

        @Override
        public void dropped(InetAddress exporter, Dropped reason, long count) {
            dropped.merge(reason, count, Long::sum);
        }
    }
}
