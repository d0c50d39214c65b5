package io.egressmon.ingest.netflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The NetFlow/IPFIX decoder's dispatch")
class NetflowDecoderTest {
    private final NetflowDecoder decoder = new NetflowDecoder(DecoderSettings.defaults());
    private final CollectingSink sink = new CollectingSink();

    @Test
    @DisplayName("a version other than 5, 9 or 10 is UNKNOWN_VERSION")
    void unknownVersion() {
        assertEquals(Malformed.UNKNOWN_VERSION, decoder.decode(V5DecoderTest.EXPORTER, ByteBuffer.wrap(new byte[] {0, 7, 0, 0}), 0, sink));
    }

    @Test
    @DisplayName("an empty or one-byte datagram is TRUNCATED")
    void tooShort() {
        assertEquals(Malformed.TRUNCATED, decoder.decode(V5DecoderTest.EXPORTER, ByteBuffer.allocate(0), 0, sink));
        assertEquals(Malformed.TRUNCATED, decoder.decode(V5DecoderTest.EXPORTER, ByteBuffer.wrap(new byte[] {0}), 0, sink));
    }

    @Test
    @DisplayName("reads the datagram from the buffer's position to its limit, leaving both as they were")
    void positionToLimit() {
        ByteBuffer message = V5DecoderTest.v5(0, 1, "10.2.0.1", "10.2.0.2");
        ByteBuffer buffer = ByteBuffer.allocate(message.limit() + 20);
        buffer.position(7);
        buffer.put(message);
        buffer.position(7).limit(7 + message.limit());
        assertNull(decoder.decode(V5DecoderTest.EXPORTER, buffer, 0, sink));
        assertEquals(1, sink.flows.size());
        assertEquals(7, buffer.position());
    }
}
