package io.egressmon.ingest.netflow;

import static io.egressmon.ingest.netflow.SflowDatagramBuilder.datagram;
import static io.egressmon.ingest.netflow.SflowDatagramBuilder.ifCounters;
import static io.egressmon.ingest.netflow.SflowDatagramBuilder.rawHeader;
import static io.egressmon.ingest.netflow.SflowDatagramBuilder.record;
import static io.egressmon.ingest.netflow.SflowDatagramBuilder.sampledIpv4;
import static io.egressmon.ingest.netflow.SflowFrames.ethernet;
import static io.egressmon.ingest.netflow.SflowFrames.ip;
import static io.egressmon.ingest.netflow.SflowFrames.ipv4;
import static io.egressmon.ingest.netflow.SflowFrames.ipv6;
import static io.egressmon.ingest.netflow.SflowFrames.tcp;
import static io.egressmon.ingest.netflow.SflowFrames.udp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("An sFlow datagram")
class SflowDatagramTest {
    private static final InetAddress EXPORTER = ip("192.0.2.1");
    private static final long NOW = 1_700_000_000_000L;
    private static final byte[] FRAME = ethernet(SflowFrames.IPV4, ipv4("10.0.0.1", "192.0.2.10", 6, tcp(40000, 443, 0x18, 100)));

    private final SflowDecoder decoder = new SflowDecoder(DecoderSettings.defaults());
    private final CollectingSink sink = new CollectingSink();

    private Malformed decode(byte[] datagram) {
        return decoder.decode(EXPORTER, ByteBuffer.wrap(datagram), NOW, sink);
    }

    /** Three flows and a counter sample, from an IPv6 agent, with records and samples nobody reads in between. */
    private static byte[] mixed() {
        return datagram().agent("2001:db8::99").subAgent(1)
                .flowSample(1, 4, 1, 2, record(1001, new byte[16]), rawHeader(FRAME))
                .sample(4413 << 12 | 5, new byte[12])
                .expandedFlowSample(0, 3, 8, 3, 4, rawHeader(ethernet(SflowFrames.IPV6,
                        ipv6("2001:db8::1", "2001:db8::2", 17, udp(1, 2, 3)), 7)))
                .counterSample(1, ifCounters(1, 1_000_000_000L, 5000, 10, 7000, 20))
                .flowSample(2, 1, 0, 0, sampledIpv4(99, 17, "10.1.1.1", "10.2.2.2", 5, 6, 0))
                .build();
    }

    @Test
    @DisplayName("is read sample by sample, skipping sample and record formats it does not know by their length")
    void unknownFormatsSkipped() {
        assertNull(decode(mixed()));
        assertEquals(List.of(ip("10.0.0.1"), ip("2001:db8::1"), ip("10.1.1.1")), sink.flows.stream().map(Flow::srcAddr).toList());
        assertEquals(List.of(4L, 8L, 1L), sink.flows.stream().map(Flow::samplingRate).toList());
        assertEquals(1, sink.counters.size());
    }

    @Test
    @DisplayName("hands on the generic interface counters of compact and expanded counter samples, other counter records skipped")
    void counters() {
        assertNull(decode(datagram().subAgent(2)
                .counterSample(0x0000_0005, record(2, new byte[52]), ifCounters(5, 10_000_000_000L, 1L << 40, 100, 77, 3))
                .expandedCounterSample(0, 6, ifCounters(6, 1000, 1, 1, 2, 2), record(1005, new byte[8]))
                .build()));
        assertEquals(List.of(
                new InterfaceCounters(2L << 32 | 5, 5, 10_000_000_000L, 1L << 40, 77, 600, 18, NOW),
                new InterfaceCounters(2L << 32 | 6, 6, 1000, 1, 2, 6, 12, NOW)), sink.counters);
        assertTrue(sink.flows.isEmpty());
    }

    @Test
    @DisplayName("of another version is UNKNOWN_VERSION; an agent address type other than IPv4 or IPv6 is BAD_SAMPLE")
    void versionAndAgent() {
        assertEquals(Malformed.UNKNOWN_VERSION, decode(datagram().version(4).flowSample(1, 1, 0, 0, rawHeader(FRAME)).build()));
        assertEquals(Malformed.UNKNOWN_VERSION, decode(new byte[] {0, 0, 0, 9, 0}));
        byte[] bad = datagram().build();
        bad[7] = 3;
        assertEquals(Malformed.BAD_SAMPLE, decode(bad));
    }

    @Test
    @DisplayName("whose record runs past its sample, or is too short for its format, is BAD_SAMPLE")
    void badSamples() {
        byte[] header = rawHeader(FRAME);
        byte[] longerThanRecord = header.clone();
        longerThanRecord[8 + 15] += 4; // header_length beyond the record
        assertEquals(Malformed.BAD_SAMPLE, decode(datagram().flowSample(1, 1, 0, 0, longerThanRecord).build()));
        assertEquals(Malformed.BAD_SAMPLE, decode(datagram().flowSample(1, 1, 0, 0, record(3, new byte[28])).build()));
        assertEquals(Malformed.BAD_SAMPLE, decode(datagram().counterSample(1, record(1, new byte[84])).build()));
        byte[] pastSample = datagram().flowSample(1, 1, 0, 0, header).sample(99, new byte[8]).build();
        int recordLengthAt = 28 + 8 + 32 + 4;
        pastSample[recordLengthAt + 3] += 8; // into the next sample
        assertEquals(Malformed.BAD_SAMPLE, decode(pastSample));
    }

    @Test
    @DisplayName("claiming 2^31 or 2^32 - 1 samples or records is malformed at once, without allocating for them")
    void absurdCounts() {
        for (int count : new int[] {Integer.MIN_VALUE, -1}) {
            byte[] samples = datagram().flowSample(1, 1, 0, 0, rawHeader(FRAME)).build();
            ByteBuffer.wrap(samples).putInt(24, count);
            assertEquals(Malformed.TRUNCATED, decode(samples));
            byte[] records = datagram().flowSample(1, 1, 0, 0, rawHeader(FRAME)).build();
            ByteBuffer.wrap(records).putInt(28 + 8 + 28, count);
            assertEquals(Malformed.BAD_SAMPLE, decode(records));
        }
        assertEquals(2, sink.flows.size()); // each datagram's one real sample, read before the sample count ran out
    }

    @Test
    @DisplayName("cut at any byte is TRUNCATED, and the flows handed on are those of the samples before the cut")
    void truncatedAnywhere() {
        byte[] whole = mixed();
        assertNull(decode(whole));
        List<Flow> all = List.copyOf(sink.flows);
        for (int length = 0; length < whole.length; length++) {
            CollectingSink cut = new CollectingSink();
            assertEquals(Malformed.TRUNCATED, decoder.decode(EXPORTER, ByteBuffer.wrap(whole, 0, length), NOW, cut), "cut at " + length);
            assertEquals(all.subList(0, cut.flows.size()), cut.flows, "cut at " + length);
        }
    }

    @Test
    @DisplayName("is read from its buffer's position to its limit, whatever the buffer's byte order")
    void positionLimitAndOrder() {
        byte[] whole = mixed();
        byte[] padded = new byte[whole.length + 20];
        System.arraycopy(whole, 0, padded, 7, whole.length);
        Arrays.fill(padded, 7 + whole.length, padded.length, (byte) 0xFF);
        ByteBuffer buffer = ByteBuffer.wrap(padded, 7, whole.length).order(ByteOrder.LITTLE_ENDIAN);
        assertNull(decoder.decode(EXPORTER, buffer, NOW, sink));
        assertEquals(3, sink.flows.size());
        assertEquals(7, buffer.position());
        assertEquals(ByteOrder.LITTLE_ENDIAN, buffer.order());
    }
}
