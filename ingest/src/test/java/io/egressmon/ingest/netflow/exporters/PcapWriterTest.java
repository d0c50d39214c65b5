package io.egressmon.ingest.netflow.exporters;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("The pcap the exporter tests replay")
class PcapWriterTest {
    private static final Instant START = Instant.parse("2025-03-01T12:00:00.250Z");
    private final List<Packet> packets = TrafficPlan.egressMix(START).packets();

    @Test
    @DisplayName("is a classic little-endian Ethernet pcap whose records read back as the frames written, in time order")
    void readsBack(@TempDir Path dir) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(PcapWriter.write(dir.resolve("t.pcap"), packets)))
            .order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(0xa1b2c3d4, b.getInt(), "magic");
        assertEquals(2, b.getShort(), "major version");
        assertEquals(4, b.getShort(), "minor version");
        b.position(20);
        assertEquals(1, b.getInt(), "link type Ethernet");
        List<byte[]> frames = new ArrayList<>();
        long previous = 0;
        while (b.hasRemaining()) {
            long micros = b.getInt() * 1_000_000L + b.getInt();
            int included = b.getInt();
            assertEquals(included, b.getInt(), "captured length = original length");
            assertTrue(micros >= previous, "timestamps in order");
            previous = micros;
            byte[] frame = new byte[included];
            b.get(frame);
            frames.add(frame);
        }
        assertEquals(packets.size(), frames.size());
        for (int i = 0; i < frames.size(); i++) {
            assertArrayEquals(packets.get(i).frame(), frames.get(i), "frame " + i);
        }
    }

    @Test
    @DisplayName("spreads packets over a few seconds, starting when the plan says")
    void spread() {
        long first = packets.get(0).timestampMicros();
        long last = packets.get(packets.size() - 1).timestampMicros();
        assertEquals(START.toEpochMilli() * 1_000, first);
        assertTrue(last - first > 2_000_000 && last - first < 5_000_000, "span " + (last - first) + " µs");
    }

    @Test
    @DisplayName("writes IPv4 headers and TCP, UDP, ICMP and ICMPv6 checksums that verify, and IP lengths that match the headers")
    void checksums() {
        for (Packet p : packets) {
            byte[] f = p.frame();
            ByteBuffer b = ByteBuffer.wrap(f);
            int ethertype = b.getShort(12) & 0xffff;
            int ipStart = 14;
            int l4Start;
            long pseudo;
            int protocol;
            if (ethertype == 0x0800) {
                assertEquals(0, Frames.checksum(f, ipStart, 20, 0), "IPv4 header checksum of " + p);
                assertEquals(p.ipLength(), b.getShort(ipStart + 2) & 0xffff, "IPv4 total length");
                protocol = f[ipStart + 9];
                l4Start = ipStart + 20;
            } else {
                assertEquals(0x86dd, ethertype);
                assertEquals(p.ipLength(), (b.getShort(ipStart + 4) & 0xffff) + 40, "IPv6 payload length + 40");
                protocol = f[ipStart + 6];
                l4Start = ipStart + 40;
            }
            assertEquals(p.protocol(), protocol);
            assertEquals(f.length, 14 + p.ipLength(), "frame = Ethernet header + IP packet");
            int l4Length = f.length - l4Start;
            pseudo = protocol == Frames.ICMP ? 0 : Frames.pseudoHeaderSum(p.src(), p.dst(), protocol, l4Length);
            assertEquals(0, Frames.checksum(f, l4Start, l4Length, pseudo), "transport checksum of " + p);
            byte[] src = Arrays.copyOfRange(f, ipStart + (ethertype == 0x0800 ? 12 : 8),
                ipStart + (ethertype == 0x0800 ? 16 : 24));
            assertArrayEquals(p.src().getAddress(), src, "source address");
        }
    }

    @Test
    @DisplayName("gives as truth, per source and per destination IP, the IP bytes and packets of the packets written")
    void truth() throws Exception {
        TrafficPlan plan = TrafficPlan.startingAt(START)
            .udp("10.0.0.1", 1000, "8.8.8.8", 53, 10, 20)
            .icmp("2001:db8::1", "2001:db8::2", 8)
            .tcp("10.0.0.1", 1001, "10.0.0.2", 80, 0);
        Totals truth = plan.truth();
        String v4 = Totals.key(InetAddress.getByName("10.0.0.1"));
        String v6 = Totals.key(InetAddress.getByName("2001:db8::2"));
        assertEquals(new Totals.Count(20 + 8 + 10 + 20 + 8 + 20 + 20 + 20, 3), truth.bySource().get(v4));
        assertEquals(new Totals.Count(40 + 8 + 8, 1), truth.byDestination().get(v6));
        assertEquals(4, truth.totalPackets());
        assertEquals(truth.totalBytes(), plan.packets().stream().mapToLong(Packet::ipLength).sum());
        assertEquals("", truth.differencesFrom(plan.truth()));
    }
}
