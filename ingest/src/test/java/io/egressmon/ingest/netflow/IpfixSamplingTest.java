package io.egressmon.ingest.netflow;

import static io.egressmon.ingest.netflow.ExportBuilder.f;
import static io.egressmon.ingest.netflow.IpfixDecoderTest.BASIC;
import static io.egressmon.ingest.netflow.IpfixDecoderTest.EXPORTER;
import static io.egressmon.ingest.netflow.IpfixDecoderTest.EXPORT_MS;
import static io.egressmon.ingest.netflow.IpfixDecoderTest.basic;
import static io.egressmon.ingest.netflow.IpfixDecoderTest.export;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("IPFIX sampling rates")
class IpfixSamplingTest {
    private NetflowDecoder decoder = new NetflowDecoder(DecoderSettings.defaults());
    private final CollectingSink sink = new CollectingSink();

    Malformed decode(ByteBuffer datagram) {
        return decoder.decode(EXPORTER, datagram, EXPORT_MS, sink);
    }

    void settings(DecoderSettings settings) {
        decoder = new NetflowDecoder(settings);
    }

    @Test
    @DisplayName("an options record's samplingPacketInterval 1 and samplingPacketSpace 9 mean 1 in 10 (softflowd -s 10)")
    void packetIntervalAndSpace() {
        decode(export().optionsTemplate(300, 1, f(143, 4), f(305, 4), f(306, 4)).data(300, r -> r.u32(1).u32(1).u32(9))
                .template(256, BASIC).data(256, basic("10.0.0.1", "10.0.0.2", 100, 2)).build());
        Flow flow = sink.only();
        assertEquals(10, flow.samplingRate());
        assertEquals(1000, flow.bytes());
        assertEquals(20, flow.packets());
    }

    @Test
    @DisplayName("a sampler table (options with samplerId 48, samplerMode 49, samplerRandomInterval 50) rates the records naming the sampler, as pmacctd sends")
    void samplerTable() {
        decode(export().optionsTemplate(4096, 1, f(144, 4), f(48, 1), f(49, 1), f(50, 4))
                .data(4096, r -> r.u32(0).u8(1).u8(2).u32(4), r -> r.u32(0).u8(2).u8(2).u32(100))
                .template(1024, f(8, 4), f(12, 4), f(1, 8), f(2, 8), f(48, 1))
                .data(1024, r -> r.ipv4("10.0.0.1").ipv4("10.0.0.2").u64(100).u64(1).u8(1),
                        r -> r.ipv4("10.0.0.1").ipv4("10.0.0.2").u64(100).u64(1).u8(2)).build());
        assertEquals(4, sink.flows.get(0).samplingRate());
        assertEquals(400, sink.flows.get(0).bytes());
        assertEquals(100, sink.flows.get(1).samplingRate());
    }

    @Test
    @DisplayName("a record's own samplingInterval (IE 34) wins over the exporter's options")
    void recordRateFirst() {
        decode(export().optionsTemplate(300, 1, f(143, 4), f(34, 4)).data(300, r -> r.u32(1).u32(50))
                .template(256, f(8, 4), f(12, 4), f(1, 4), f(34, 2))
                .data(256, r -> r.ipv4("10.0.0.1").ipv4("10.0.0.2").u32(10).u16(3)).build());
        assertEquals(3, sink.only().samplingRate());
        assertEquals(30, sink.only().bytes());
    }

    @Test
    @DisplayName("an exporter that says no rate gets the configured one")
    void configuredRate() {
        settings(new DecoderSettings(Map.of(EXPORTER, 64L), 1, Duration.ofMinutes(10), 16, EgressCopies.AUTO));
        decode(export().template(256, BASIC).data(256, basic("10.0.0.1", "10.0.0.2", 100, 2)).build());
        assertEquals(64, sink.only().samplingRate());
        assertEquals(6400, sink.only().bytes());
        assertEquals(128, sink.only().packets());
    }
}
