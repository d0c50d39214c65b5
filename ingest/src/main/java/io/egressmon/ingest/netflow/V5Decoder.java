package io.egressmon.ingest.netflow;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;

/**
 * NetFlow v5: a 24-byte header and up to 30 fixed 48-byte IPv4 records, times relative to the
 * exporter's uptime. ICMP type and code already come as {@code type << 8 | code} in the destination port.
 */
final class V5Decoder {
    static final int HEADER_LENGTH = 24;
    static final int RECORD_LENGTH = 48;
    static final int MAX_RECORDS = 30;

    private final DecoderSettings settings;
    private final byte[] address = new byte[4];

    V5Decoder(DecoderSettings settings) {
        this.settings = settings;
    }

    Malformed decode(InetAddress exporter, ByteBuffer b, FlowSink sink) {
        if (b.limit() < HEADER_LENGTH) {
            return Malformed.TRUNCATED;
        }
        int count = b.getShort(2) & 0xFFFF;
        if (count > MAX_RECORDS) {
            return Malformed.BAD_LENGTH;
        }
        if (b.limit() < HEADER_LENGTH + count * RECORD_LENGTH) {
            return Malformed.TRUNCATED;
        }
        long sysUptime = b.getInt(4) & 0xFFFFFFFFL;
        long unixSecs = b.getInt(8) & 0xFFFFFFFFL;
        long unixNanos = b.getInt(12) & 0xFFFFFFFFL;
        long exportMs = unixSecs * 1000 + unixNanos / 1_000_000;
        long uptimeBase = exportMs - sysUptime;
        int interval = b.getShort(22) & 0x3FFF; // top two bits: sampling mode
        long rate = interval > 0 ? interval : settings.samplingFor(exporter);
        long domain = 0;
        for (int i = 0; i < count; i++) {
            int r = HEADER_LENGTH + i * RECORD_LENGTH;
            long packets = b.getInt(r + 16) & 0xFFFFFFFFL;
            long octets = b.getInt(r + 20) & 0xFFFFFFFFL;
            long first = ExportContext.uptimeToEpochMs(uptimeBase, b.getInt(r + 24) & 0xFFFFFFFFL, exportMs);
            long last = ExportContext.uptimeToEpochMs(uptimeBase, b.getInt(r + 28) & 0xFFFFFFFFL, exportMs);
            try {
                sink.flow(exporter, new Flow(ExportProtocol.NETFLOW_V5, domain, address(b, r), address(b, r + 4),
                        b.getShort(r + 32) & 0xFFFF, b.getShort(r + 34) & 0xFFFF, b.get(r + 38) & 0xFF,
                        Math.multiplyExact(octets, rate), Math.multiplyExact(packets, rate), rate, first, Math.max(first, last), ObservedDirection.UNKNOWN,
                        b.getShort(r + 12) & 0xFFFF, b.getShort(r + 14) & 0xFFFF, b.get(r + 37) & 0xFF));
            } catch (IllegalArgumentException | ArithmeticException | UnknownHostException e) {
                return Malformed.BAD_RECORD;
            }
        }
        return null;
    }

    private InetAddress address(ByteBuffer b, int at) throws UnknownHostException {
        b.get(at, address);
        return InetAddress.getByAddress(address); // copies the array
    }
}
