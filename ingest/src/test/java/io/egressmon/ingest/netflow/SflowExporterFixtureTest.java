package io.egressmon.ingest.netflow;

import static io.egressmon.ingest.netflow.SflowFrames.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Real sFlow v5 from pmacctd's sfprobe plugin replaying a pcap whose flows are known, and from Open
 * vSwitch fed known frames; see {@code src/test/resources/netflow/sflow/README.md} for how the files
 * were made.
 */
@DisplayName("sFlow from real exporters, fed packets whose flows are known")
class SflowExporterFixtureTest {
    private static final InetAddress EXPORTER = ip("127.0.0.1");
    private static final long NOW = 1_700_000_000_000L;

    /** One row of a truth file: a flow of the pcap, its packets, IP bytes and the sum of its packets' squared IP lengths. */
    record Truth(String role, Key key, long packets, long ipBytes, long ipBytesSquared) {
    }

    record Key(InetAddress src, InetAddress dst, int protocol, int srcPort, int dstPort) {
        static Key of(Flow f) {
            return new Key(f.srcAddr(), f.dstAddr(), f.ipProtocol(), f.srcPort(), f.dstPort());
        }
    }

    record Totals(long packets, long bytes) {
    }

    @Test
    @DisplayName("pmacct sfprobe unsampled: every flow's packets and IP bytes equal the pcap's")
    void pmacctRateOne() {
        assertExact("pmacct-sfprobe-rate1.bin", "truth-rate1.csv");
    }

    @Test
    @DisplayName("Open vSwitch unsampled: every flow's packets and IP bytes equal the frames'; its counter samples hold no generic counters")
    void openVswitch() {
        assertExact("ovs-sflow.bin", "truth-ovs.csv");
    }

    private static void assertExact(String capture, String truthFile) {
        Map<Key, Totals> decoded = decodeAll(capture, 1);
        for (Truth t : truth(truthFile)) {
            if (t.role().equals("flow")) {
                assertEquals(new Totals(t.packets(), t.ipBytes()), decoded.remove(t.key()), t.key().toString());
            } else {
                decoded.remove(t.key()); // the tail that pushes the last datagram out: not all of it is sent
            }
        }
        assertEquals(Map.of(), decoded, "flows not in the pcap");
    }

    /**
     * sfprobe samples each packet with probability 1/N (N = 4), so a flow's estimate N × (sampled) has a
     * standard deviation of sqrt((N − 1) × n) packets and sqrt((N − 1) × Σ size²) bytes; each estimate
     * must lie within 4 of them of the truth.
     */
    @Test
    @DisplayName("pmacct sfprobe sampled 1 in 4: every flow's estimate lies within 4 standard deviations of the pcap's packets and bytes")
    void pmacctRateFour() {
        int n = 4;
        Map<Key, Totals> decoded = decodeAll("pmacct-sfprobe-rate4.bin", n);
        for (Truth t : truth("truth-rate4.csv")) {
            Totals estimate = decoded.remove(t.key());
            if (t.role().equals("flow")) {
                double packetsSd = Math.sqrt((n - 1.0) * t.packets());
                double bytesSd = Math.sqrt((n - 1.0) * t.ipBytesSquared());
                assertTrue(Math.abs(estimate.packets() - t.packets()) <= 4 * packetsSd, t + " estimated " + estimate);
                assertTrue(Math.abs(estimate.bytes() - t.ipBytes()) <= 4 * bytesSd, t + " estimated " + estimate);
            }
        }
        assertEquals(Map.of(), decoded, "flows not in the pcap");
    }

    @Test
    @DisplayName("every real datagram cut at any byte is TRUNCATED, never an exception")
    void realDatagramsCut() {
        SflowDecoder decoder = new SflowDecoder(DecoderSettings.defaults());
        CollectingSink sink = new CollectingSink();
        for (String file : List.of("pmacct-sfprobe-rate1.bin", "pmacct-sfprobe-rate4.bin", "ovs-sflow.bin")) {
            for (byte[] datagram : datagrams(file)) {
                for (int length = 0; length < datagram.length; length++) {
                    assertEquals(Malformed.TRUNCATED, decoder.decode(EXPORTER, ByteBuffer.wrap(datagram, 0, length), NOW, sink));
                }
            }
        }
    }

    private static Map<Key, Totals> decodeAll(String file, long rate) {
        SflowDecoder decoder = new SflowDecoder(DecoderSettings.defaults());
        CollectingSink sink = new CollectingSink();
        for (byte[] datagram : datagrams(file)) {
            assertNull(decoder.decode(EXPORTER, ByteBuffer.wrap(datagram), NOW, sink));
        }
        assertEquals(Map.of(), sink.dropped, "only IP packets were sent");
        assertEquals(List.of(), sink.counters, "neither sends generic interface counters here");
        Map<Key, Totals> totals = new HashMap<>();
        for (Flow f : sink.flows) {
            assertEquals(rate, f.samplingRate());
            totals.merge(Key.of(f), new Totals(f.packets(), f.bytes()),
                    (a, b) -> new Totals(a.packets() + b.packets(), a.bytes() + b.bytes()));
        }
        return totals;
    }

    /** The capture file: each datagram as a 4-byte big-endian length and its UDP payload. */
    static List<byte[]> datagrams(String file) {
        ByteBuffer all = ByteBuffer.wrap(resource(file));
        List<byte[]> datagrams = new ArrayList<>();
        while (all.hasRemaining()) {
            byte[] datagram = new byte[all.getInt()];
            all.get(datagram);
            datagrams.add(datagram);
        }
        return datagrams;
    }

    private static List<Truth> truth(String file) {
        return new String(resource(file), StandardCharsets.US_ASCII).lines().skip(1).map(line -> {
            String[] f = line.split(",");
            return new Truth(f[0], new Key(ip(f[1]), ip(f[2]), Integer.parseInt(f[3]), Integer.parseInt(f[4]),
                    Integer.parseInt(f[5])), Long.parseLong(f[6]), Long.parseLong(f[7]), Long.parseLong(f[8]));
        }).toList();
    }

    private static byte[] resource(String file) {
        try (InputStream in = SflowExporterFixtureTest.class.getResourceAsStream("/netflow/sflow/" + file)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource netflow/sflow/" + file);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
