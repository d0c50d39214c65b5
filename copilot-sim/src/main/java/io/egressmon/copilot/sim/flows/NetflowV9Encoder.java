package io.egressmon.copilot.sim.flows;

import java.nio.ByteBuffer;

/**
 * NetFlow v9 (RFC 3954). Header: version 9, count = the records in the packet (template, options
 * template, options data and flow records alike), sysUptime (ms since the exporter's boot), unix
 * seconds, a sequence number counting export packets, the source id. Flow records: IPV4_SRC_ADDR (8),
 * IPV4_DST_ADDR (12), L4_SRC_PORT (7), L4_DST_PORT (11), PROTOCOL (4), IN_BYTES (1, 8 bytes), IN_PKTS
 * (2, 8 bytes), FIRST_SWITCHED (22) and LAST_SWITCHED (21) in sysUptime milliseconds — what v9
 * exporters send; the collector turns them into epoch time with the header's sysUptime and unix
 * seconds. A sampled exporter adds an options template, scope System (1, its source id) with
 * SAMPLING_INTERVAL (34, 4 bytes) and SAMPLING_ALGORITHM (35, 1 byte: 1 = deterministic), and one
 * options data record.
 */
public final class NetflowV9Encoder extends SetEncoder {

    private static final int HEADER = 20;
    private static final int[][] FIELDS = {{8, 4}, {12, 4}, {7, 2}, {11, 2}, {4, 1}, {1, 8}, {2, 8}, {22, 4}, {21, 4}};
    static final int RECORD = 37;

    private final long sourceId;
    private final int samplingRate;
    private final long bootMs;
    private long sequence;

    NetflowV9Encoder(long sourceId, int samplingRate, long bootMs) {
        super(HEADER, RECORD);
        this.sourceId = sourceId;
        this.samplingRate = samplingRate;
        this.bootMs = bootMs;
    }

    @Override
    void putTimes(ByteBuffer out, WireFlow flow) {
        out.putInt((int) (flow.startMs() - bootMs)).putInt((int) (flow.endMs() - bootMs));
    }

    /** count = every record of the packet; the sequence counts packets. */
    @Override
    void writeHeader(ByteBuffer out, int templateRecords, int dataRecords, long exportMs) {
        // The header's uptime is read at the whole second unix_secs names, so a collector's
        // unix_secs × 1000 − sysUptime is the boot time to the millisecond and flow times come out
        // exact (with the uptime read later, every flow would move up to a second earlier).
        long exportSecs = Math.floorDiv(exportMs, 1000);
        out.putShort(0, (short) 9).putShort(2, (short) (templateRecords + dataRecords))
                .putInt(4, (int) (exportSecs * 1000 - bootMs)).putInt(8, (int) exportSecs)
                .putInt(12, (int) sequence++).putInt(16, (int) sourceId);
    }

    /** The data template, and for a sampled exporter the options template and its data; returns the records. */
    @Override
    int templates(ByteBuffer out) {
        int set = out.position();
        out.putShort((short) 0).putShort((short) 0);
        out.putShort((short) DATA_TEMPLATE_ID).putShort((short) FIELDS.length);
        for (int[] field : FIELDS) {
            out.putShort((short) field[0]).putShort((short) field[1]);
        }
        FlowEncoder.closeSet(out, set);
        if (samplingRate <= 1) {
            return 1;
        }
        set = out.position();
        out.putShort((short) 1).putShort((short) 0);
        out.putShort((short) OPTIONS_TEMPLATE_ID).putShort((short) 4).putShort((short) 8);
        out.putShort((short) 1).putShort((short) 4);
        out.putShort((short) 34).putShort((short) 4).putShort((short) 35).putShort((short) 1);
        FlowEncoder.closeSet(out, set);
        set = out.position();
        out.putShort((short) OPTIONS_TEMPLATE_ID).putShort((short) 0);
        out.putInt((int) sourceId).putInt(samplingRate).put((byte) 1);
        FlowEncoder.closeSet(out, set);
        return 3;
    }
}
