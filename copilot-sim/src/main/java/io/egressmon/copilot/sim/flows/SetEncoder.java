package io.egressmon.copilot.sim.flows;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * What NetFlow v9 and IPFIX export alike: a header, the templates (and a sampled exporter's options)
 * when due, then one data set of as many flow records as fit. The formats differ in their header, the
 * time fields of a record, and what the header counts.
 */
abstract sealed class SetEncoder implements FlowEncoder permits NetflowV9Encoder, IpfixEncoder {
    private final int headerLength;
    private final int recordLength;
    private int datagramsSinceTemplates = Integer.MAX_VALUE;
    private long templatesAtMs;

    SetEncoder(int headerLength, int recordLength) {
        this.headerLength = headerLength;
        this.recordLength = recordLength;
    }

    @Override
    public final List<byte[]> encode(List<WireFlow> flows, long exportMs) {
        List<byte[]> datagrams = new ArrayList<>();
        int next = 0;
        while (next < flows.size()) {
            ByteBuffer out = ByteBuffer.allocate(MAX_DATAGRAM);
            out.position(headerLength);
            int templateRecords = 0;
            if (datagramsSinceTemplates >= TEMPLATE_EVERY_DATAGRAMS || exportMs - templatesAtMs >= TEMPLATE_EVERY_MS) {
                templateRecords = templates(out);
                datagramsSinceTemplates = 0;
                templatesAtMs = exportMs;
            }
            int set = out.position();
            out.putShort((short) DATA_TEMPLATE_ID).putShort((short) 0);
            int records = 0;
            while (next < flows.size() && out.position() + recordLength + 3 <= MAX_DATAGRAM) {
                WireFlow flow = flows.get(next++);
                FlowEncoder.putKey(out, flow);
                out.putLong(flow.bytes()).putLong(flow.packets());
                putTimes(out, flow);
                records++;
            }
            FlowEncoder.closeSet(out, set);
            writeHeader(out, templateRecords, records, exportMs);
            datagrams.add(FlowEncoder.bytes(out));
            datagramsSinceTemplates++;
        }
        return datagrams;
    }

    /** Writes the template sets (and options); returns the records of them the header counts. */
    abstract int templates(ByteBuffer out);

    /** A record's start and end, after its key and counters. */
    abstract void putTimes(ByteBuffer out, WireFlow flow);

    /** The header at offset 0, once the datagram is complete. */
    abstract void writeHeader(ByteBuffer out, int templateRecords, int dataRecords, long exportMs);
}
