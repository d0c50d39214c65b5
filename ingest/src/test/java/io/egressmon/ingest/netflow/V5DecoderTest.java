package io.egressmon.ingest.netflow;

import static io.egressmon.ingest.netflow.IpfixDecoderTest.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.egressmon.ingest.netflow.ExportBuilder.Bytes;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The NetFlow v5 decoder")
class V5DecoderTest {
    static final InetAddress EXPORTER = ip("192.0.2.5");
    static final long UNIX_SECS = 1_767_225_600L;
    static final long UPTIME_MS = 3_600_000L;

    private final CollectingSink sink = new CollectingSink();

    /** A v5 datagram: header with {@code sampling} (mode bits included), then one record per flow. */
    static ByteBuffer v5(int sampling, int count, String... srcDst) {
        Bytes b = new Bytes().u16(5).u16(count).u32(UPTIME_MS).u32(UNIX_SECS).u32(500_000_000).u32(1)
                .u8(0).u8(0).u16(sampling);
        for (int i = 0; i + 1 < srcDst.length; i += 2) {
            b.ipv4(srcDst[i]).ipv4(srcDst[i + 1]).u32(0).u16(1).u16(2).u32(10).u32(1000)
                    .u32(UPTIME_MS - 2_000).u32(UPTIME_MS - 1_000).u16(1234).u16(80).u8(0).u8(0x12).u8(6).u8(0)
                    .u16(0).u16(0).u8(24).u8(24).u16(0);
        }
        return ByteBuffer.wrap(b.toByteArray());
    }

    Malformed decode(DecoderSettings settings, ByteBuffer datagram) {
        return new NetflowDecoder(settings).decode(EXPORTER, datagram, UNIX_SECS * 1000, sink);
    }

    @Test
    @DisplayName("reads each 48-byte record as a flow, times placed by the header's uptime and clock")
    void basics() {
        assertNull(decode(DecoderSettings.defaults(), v5(0, 2, "10.2.0.1", "10.2.0.2", "10.2.0.3", "10.2.0.4")));
        long base = UNIX_SECS * 1000 + 500;
        assertEquals(new Flow(ExportProtocol.NETFLOW_V5, 0, ip("10.2.0.1"), ip("10.2.0.2"), 1234, 80, 6, 1000, 10, 1,
                base - 2_000, base - 1_000, ObservedDirection.UNKNOWN, 1, 2, 0x12), sink.flows.get(0));
        assertEquals(ip("10.2.0.3"), sink.flows.get(1).srcAddr());
    }

    @Test
    @DisplayName("a flow from before the uptime counter wrapped (its uptimes above the header's) is placed one 2^32 ms wrap earlier, before the export, not 49.7 days after it")
    void uptimeWrap() {
        long wrap = 1L << 32;
        Bytes b = new Bytes().u16(5).u16(1).u32(5_000).u32(UNIX_SECS).u32(0).u32(1).u8(0).u8(0).u16(0)
                .ipv4("10.2.0.1").ipv4("8.8.8.8").u32(0).u16(1).u16(2).u32(10).u32(1000)
                .u32(wrap - 30_000).u32(wrap - 20_000).u16(1234).u16(80).u8(0).u8(0x12).u8(6).u8(0)
                .u16(0).u16(0).u8(24).u8(24).u16(0);
        assertNull(decode(DecoderSettings.defaults(), ByteBuffer.wrap(b.toByteArray())));
        long exportMs = UNIX_SECS * 1000;
        assertEquals(exportMs - 35_000, sink.only().startMs());
        assertEquals(exportMs - 25_000, sink.only().endMs());
    }

    @Test
    @DisplayName("multiplies by the header's sampling interval (its low 14 bits)")
    void headerSampling() {
        decode(DecoderSettings.defaults(), v5(0x4000 | 10, 1, "10.2.0.1", "10.2.0.2"));
        assertEquals(10, sink.only().samplingRate());
        assertEquals(10_000, sink.only().bytes());
        assertEquals(100, sink.only().packets());
    }

    @Test
    @DisplayName("uses the exporter's configured rate when the header says none")
    void configuredSampling() {
        decode(new DecoderSettings(Map.of(EXPORTER, 4L), 1, Duration.ofMinutes(1), 8, EgressCopies.AUTO), v5(0, 1, "10.2.0.1", "10.2.0.2"));
        assertEquals(4, sink.only().samplingRate());
    }

    @Test
    @DisplayName("a count over 30 is BAD_LENGTH; fewer records than counted is TRUNCATED")
    void badCounts() {
        assertEquals(Malformed.BAD_LENGTH, decode(DecoderSettings.defaults(), v5(0, 31, "10.2.0.1", "10.2.0.2")));
        assertEquals(Malformed.TRUNCATED, decode(DecoderSettings.defaults(), v5(0, 2, "10.2.0.1", "10.2.0.2")));
        assertEquals(0, sink.flows.size());
    }
}
