package io.egressmon.copilot.sim.flows;

import java.nio.ByteBuffer;

/**
 * IPFIX (RFC 7011). Message header: version 10, the message's length, export time (seconds), the
 * sequence number — data records (options data included) sent in earlier messages of the
 * observation domain, templates not counted — and the observation domain id. Flow records:
 * sourceIPv4Address (8), destinationIPv4Address (12), sourceTransportPort (7),
 * destinationTransportPort (11), protocolIdentifier (4), octetDeltaCount (1, 8 bytes),
 * packetDeltaCount (2, 8 bytes), flowStartMilliseconds (152) and flowEndMilliseconds (153), absolute.
 * A sampled exporter adds an options template scoped by observationDomainId (149) with
 * samplingPacketInterval (305) = 1 and samplingPacketSpace (306) = N − 1 (RFC 7014: take one packet,
 * skip N − 1), and one options data record.
 */
public final class IpfixEncoder extends SetEncoder {

    private static final int HEADER = 16;
    private static final int[][] FIELDS = {{8, 4}, {12, 4}, {7, 2}, {11, 2}, {4, 1}, {1, 8}, {2, 8}, {152, 8}, {153, 8}};
    static final int RECORD = 45;

    private final long domainId;
    private final int samplingRate;
    private long sequence;

    IpfixEncoder(long domainId, int samplingRate) {
        super(HEADER, RECORD);
        this.domainId = domainId;
        this.samplingRate = samplingRate;
    }

    @Override
    void putTimes(ByteBuffer out, WireFlow flow) {
        out.putLong(flow.startMs()).putLong(flow.endMs());
    }

    /** The message's length; the sequence counts data records (options data too) sent before. */
    @Override
    void writeHeader(ByteBuffer out, int templateRecords, int dataRecords, long exportMs) {
        out.putShort(0, (short) 10).putShort(2, (short) out.position())
                .putInt(4, (int) Math.floorDiv(exportMs, 1000)).putInt(8, (int) sequence)
                .putInt(12, (int) domainId);
        sequence += templateRecords + dataRecords;
    }

    /** The data template, and for a sampled exporter the options template and its data; returns the data records written. */
    @Override
    int templates(ByteBuffer out) {
        int set = out.position();
        out.putShort((short) 2).putShort((short) 0);
        out.putShort((short) DATA_TEMPLATE_ID).putShort((short) FIELDS.length);
        for (int[] field : FIELDS) {
            out.putShort((short) field[0]).putShort((short) field[1]);
        }
        FlowEncoder.closeSet(out, set);
        if (samplingRate <= 1) {
            return 0;
        }
        set = out.position();
        out.putShort((short) 3).putShort((short) 0);
        out.putShort((short) OPTIONS_TEMPLATE_ID).putShort((short) 3).putShort((short) 1);
        out.putShort((short) 149).putShort((short) 4);
        out.putShort((short) 305).putShort((short) 4).putShort((short) 306).putShort((short) 4);
        FlowEncoder.closeSet(out, set);
        set = out.position();
        out.putShort((short) OPTIONS_TEMPLATE_ID).putShort((short) 0);
        out.putInt((int) domainId).putInt(1).putInt(samplingRate - 1);
        FlowEncoder.closeSet(out, set);
        return 1;
    }
}
