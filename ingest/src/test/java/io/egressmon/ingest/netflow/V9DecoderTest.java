package io.egressmon.ingest.netflow;

import static io.egressmon.ingest.netflow.ExportBuilder.f;
import static io.egressmon.ingest.netflow.IpfixDecoderTest.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.egressmon.ingest.netflow.ExportBuilder.Bytes;
import io.egressmon.ingest.netflow.ExportBuilder.Field;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The NetFlow v9 decoder")
class V9DecoderTest {
    static final InetAddress EXPORTER = ip("192.0.2.9");
    static final long UNIX_SECS = 1_767_225_600L;
    static final long UPTIME_MS = 86_400_000L;
    static final long SOURCE_ID = 3;
    /** Addresses, ports, protocol, IN_BYTES, IN_PKTS, FIRST_SWITCHED, LAST_SWITCHED, input and output ifIndex, TCP flags. */
    static final Field[] BASIC = {f(8, 4), f(12, 4), f(7, 2), f(11, 2), f(4, 1), f(1, 4), f(2, 4), f(22, 4), f(21, 4),
            f(10, 2), f(14, 2), f(6, 1)};

    private NetflowDecoder decoder = new NetflowDecoder(DecoderSettings.defaults());
    private final CollectingSink sink = new CollectingSink();

    static Consumer<Bytes> basic(String src, String dst, long bytes, long packets) {
        return r -> r.ipv4(src).ipv4(dst).u16(53000).u16(53).u8(17).u32(bytes).u32(packets)
                .u32(UPTIME_MS - 5_000).u32(UPTIME_MS - 1_000).u16(3).u16(4).u8(0);
    }

    static ExportBuilder export() {
        return ExportBuilder.v9(UPTIME_MS, UNIX_SECS, SOURCE_ID);
    }

    Malformed decode(ByteBuffer datagram, long receivedAtMs) {
        return decoder.decode(EXPORTER, datagram, receivedAtMs, sink);
    }

    Malformed decode(ByteBuffer datagram) {
        return decode(datagram, UNIX_SECS * 1000);
    }

    @Test
    @DisplayName("reads a flow; uptime-relative times are placed by the header's sysUptime and unix seconds")
    void basicFlow() {
        assertNull(decode(export().template(256, BASIC).data(256, basic("10.1.0.1", "10.1.0.2", 1500, 3)).build()));
        long now = UNIX_SECS * 1000;
        assertEquals(new Flow(ExportProtocol.NETFLOW_V9, SOURCE_ID, ip("10.1.0.1"), ip("10.1.0.2"), 53000, 53, 17, 1500, 3, 1,
                now - 5_000, now - 1_000, ObservedDirection.UNKNOWN, 3, 4, 0), sink.only());
    }

    @Test
    @DisplayName("holds data flowsets that came before their template and reads them when it comes")
    void lateTemplate() {
        decode(export().data(256, basic("10.1.0.1", "10.1.0.2", 100, 1)).build());
        decode(export().data(256, basic("10.1.0.1", "10.1.0.2", 200, 1)).build());
        assertEquals(0, sink.flows.size());
        decode(export().template(256, BASIC).build());
        assertEquals(300, sink.bytes());
        assertEquals(0, decoder.heldSets());
    }

    @Test
    @DisplayName("counts held flowsets NO_TEMPLATE when the hold time passes without their template")
    void heldExpire() {
        decoder = new NetflowDecoder(new DecoderSettings(Map.of(), 1, Duration.ofMinutes(1), 8, EgressCopies.AUTO));
        long t = UNIX_SECS * 1000;
        decode(export().data(256, basic("10.1.0.1", "10.1.0.2", 100, 1)).build(), t);
        decode(export().data(257, basic("10.1.0.1", "10.1.0.2", 100, 1)).build(), t + 30_000);
        decode(export().template(300, BASIC).build(), t + 61_000);
        assertEquals(1, sink.dropped(Dropped.NO_TEMPLATE));
        assertEquals(1, decoder.heldSets());
    }

    @Test
    @DisplayName("a template id reused with a different layout reads later records the new way")
    void templateReused() {
        decode(export().template(256, BASIC).data(256, basic("10.1.0.1", "10.1.0.2", 100, 1)).build());
        decode(export().template(256, f(2, 4), f(1, 4), f(12, 4), f(8, 4))
                .data(256, r -> r.u32(2).u32(700).ipv4("10.1.0.9").ipv4("10.1.0.8")).build());
        assertEquals(ip("10.1.0.8"), sink.flows.get(1).srcAddr());
        assertEquals(700, sink.flows.get(1).bytes());
    }

    @Test
    @DisplayName("takes the sampling rate from options data (SAMPLING_INTERVAL 34, SAMPLING_ALGORITHM 35), as softflowd -s sends")
    void optionsSampling() {
        decode(export().optionsTemplate(257, 1, f(1, 4), f(34, 4), f(35, 1)).data(257, r -> r.u32(0).u32(8).u8(1).u8(0).u16(0))
                .template(256, BASIC).data(256, basic("10.1.0.1", "10.1.0.2", 100, 2)).build());
        assertEquals(8, sink.only().samplingRate());
        assertEquals(800, sink.only().bytes());
        assertEquals(16, sink.only().packets());
    }

    @Test
    @DisplayName("a v9 sampler table (options with FLOW_SAMPLER_ID 48, MODE 49, RANDOM_INTERVAL 50) rates records naming the sampler")
    void samplerTable() {
        decode(export().optionsTemplate(257, 1, f(1, 4), f(48, 1), f(49, 1), f(50, 4)).data(257, r -> r.u32(0).u8(5).u8(2).u32(32))
                .template(256, f(8, 4), f(12, 4), f(1, 4), f(48, 1)).data(256, r -> r.ipv4("10.1.0.1").ipv4("10.1.0.2").u32(10).u8(5))
                .build());
        assertEquals(32, sink.only().samplingRate());
    }

    @Test
    @DisplayName("uses the configured default rate when the export says none")
    void defaultSampling() {
        decoder = new NetflowDecoder(new DecoderSettings(Map.of(), 100, Duration.ofMinutes(1), 8, EgressCopies.AUTO));
        decode(export().template(256, BASIC).data(256, basic("10.1.0.1", "10.1.0.2", 10, 1)).build());
        assertEquals(100, sink.only().samplingRate());
        assertEquals(1000, sink.only().bytes());
    }

    @Test
    @DisplayName("reads IPv6 flows with 8-byte counters")
    void ipv6EightBytes() {
        decode(export().template(256, f(27, 16), f(28, 16), f(1, 8), f(2, 8))
                .data(256, r -> r.ipv6("2001:db8::a").ipv6("2001:db8::b").u64(1L << 33).u64(3)).build());
        assertEquals(ip("2001:db8::a"), sink.only().srcAddr());
        assertEquals(1L << 33, sink.only().bytes());
    }

    @Test
    @DisplayName("templates belong to their source id")
    void perSourceId() {
        decode(export().template(256, BASIC).build());
        decode(ExportBuilder.v9(UPTIME_MS, UNIX_SECS, SOURCE_ID + 1).data(256, basic("10.1.0.1", "10.1.0.2", 1, 1)).build());
        assertEquals(0, sink.flows.size());
        assertEquals(1, decoder.heldSets());
    }

    @Test
    @DisplayName("an IPFIX template does not read v9 data from the same exporter and domain")
    void perWireFormat() {
        decoder.decode(EXPORTER, ExportBuilder.ipfix(UNIX_SECS, SOURCE_ID).template(256, BASIC).build(), 0, sink);
        decode(export().data(256, basic("10.1.0.1", "10.1.0.2", 1, 1)).build());
        assertEquals(0, sink.flows.size());
    }

    @Test
    @DisplayName("a flowset id from 2 to 255 is BAD_SET")
    void reservedFlowset() {
        assertEquals(Malformed.BAD_SET, decode(export().rawSet(2, new byte[4]).build()));
    }

    @Test
    @DisplayName("a template record with no fields is BAD_TEMPLATE (v9 has no withdrawal)")
    void emptyTemplate() {
        assertEquals(Malformed.BAD_TEMPLATE, decode(export().template(256).build()));
    }

    @Test
    @DisplayName("a datagram shorter than the 20-byte header is TRUNCATED")
    void shortHeader() {
        assertEquals(Malformed.TRUNCATED, decode(ByteBuffer.wrap(new byte[] {0, 9, 0, 1, 0, 0, 0, 0})));
    }
}
