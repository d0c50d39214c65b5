package io.egressmon.ingest.netflow;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Reads NetFlow v5, NetFlow v9 and IPFIX datagrams, told apart by their first two bytes (the version:
 * 5, 9 or 10). Keeps, per exporter, the templates it announced, what its options records said
 * (sampling, uptime origin) and the data sets that came before their template.
 */
public final class NetflowDecoder implements DatagramDecoder {
    private final V5Decoder v5;
    private final V9Decoder v9;
    private final IpfixDecoder ipfix;
    private final TemplateStore templates = new TemplateStore();
    private final HeldSets held;
    private long unexpectedFailures;

    public NetflowDecoder(DecoderSettings settings) {
        this.held = new HeldSets(settings);
        ExporterOptions options = new ExporterOptions();
        TemplatedSets sets = new TemplatedSets(templates, held, new DataSetReader(settings, options));
        this.v5 = new V5Decoder(settings);
        this.v9 = new V9Decoder(sets);
        this.ipfix = new IpfixDecoder(sets, options);
    }

    @Override
    public Malformed decode(InetAddress exporter, ByteBuffer datagram, long receivedAtMs, FlowSink sink) {
        ByteBuffer b = datagram.slice().order(ByteOrder.BIG_ENDIAN); // absolute offsets from the datagram's start
        try {
            held.expire(receivedAtMs, sink);
            if (b.limit() < 2) {
                return Malformed.TRUNCATED;
            }
            return switch (b.getShort(0)) {
                case 5 -> v5.decode(exporter, b, sink);
                case 9 -> v9.decode(exporter, b, receivedAtMs, sink);
                case 10 -> ipfix.decode(exporter, b, receivedAtMs, sink);
                default -> Malformed.UNKNOWN_VERSION;
            };
        } catch (RuntimeException e) {
            // Every read is bounds-checked before it is made, so this is a bug; the listener must live on.
            unexpectedFailures++;
            return Malformed.BAD_RECORD;
        }
    }

    /** Data sets waiting for their template, over all exporters. */
    int heldSets() {
        return held.size();
    }

    /** Templates known, over all exporters. */
    int templates() {
        return templates.size();
    }

    /** Exceptions caught in {@link #decode} (a decoder bug each; the fuzz test expects none). */
    long unexpectedFailures() {
        return unexpectedFailures;
    }
}
