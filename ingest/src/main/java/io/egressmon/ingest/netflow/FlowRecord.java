package io.egressmon.ingest.netflow;

import static io.egressmon.ingest.netflow.InformationElements.*;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;

/**
 * One data record's values while it is read, by {@link InformationElements} kind, then turned into a
 * {@link Flow} (or into what an options record says about its exporter). Reused record after record: no
 * allocation per field; addresses are kept as offsets into the buffer until the flow is built.
 */
final class FlowRecord {
    /** Seconds from the NTP era (1900) to the Unix epoch. */
    private static final long NTP_TO_UNIX_SECONDS = 2_208_988_800L;

    private final EgressCopies egressCopies;
    private final long[] values = new long[KINDS];
    private long seen;
    private ByteBuffer buffer;
    /** Why the last {@link #toFlow} returned null. */
    private Dropped dropped;

    FlowRecord(EgressCopies egressCopies) {
        this.egressCopies = egressCopies;
    }

    void start(ByteBuffer buffer) {
        this.buffer = buffer;
        seen = 0;
    }

    /** Reads one field: an address's offset, else its unsigned big-endian value (1..8 bytes). */
    void put(int kind, int at, int length) {
        if (kind == SKIP) {
            return;
        }
        seen |= 1L << kind;
        values[kind] = kind <= DST_V6 ? at : unsigned(buffer, at, length);
    }

    private boolean has(int kind) {
        return (seen & 1L << kind) != 0;
    }

    static long unsigned(ByteBuffer b, int at, int length) {
        switch (length) {
            case 1: return b.get(at) & 0xFFL;
            case 2: return b.getShort(at) & 0xFFFFL;
            case 4: return b.getInt(at) & 0xFFFFFFFFL;
            case 8: return b.getLong(at);
            default:
                long value = 0;
                for (int i = 0; i < length; i++) {
                    value = value << 8 | b.get(at + i) & 0xFF;
                }
                return value;
        }
    }

    /** An options record: remembers the sampling rate, sampler or uptime origin it states. */
    void applyOptions(ExporterOptions.Domain options) {
        long rate = recordRate(null);
        if (has(SAMPLER_ID) && has(SAMPLER_RANDOM_INTERVAL)) {
            options.samplerRate(values[SAMPLER_ID], values[SAMPLER_RANDOM_INTERVAL]);
        } else if (rate > 0) {
            options.samplingRate(rate);
        } else if (has(SAMPLER_RANDOM_INTERVAL) && values[SAMPLER_RANDOM_INTERVAL] > 0) {
            options.samplingRate(values[SAMPLER_RANDOM_INTERVAL]);
        }
        if (has(SYSTEM_INIT_MILLIS)) {
            options.systemInitMs(values[SYSTEM_INIT_MILLIS]);
        }
    }

    /**
     * The sampling rate the record itself gives (IE 34; 305/306; a sampler of the exporter's table
     * named by IE 48), else 0.
     */
    private long recordRate(ExporterOptions.Domain options) {
        if (has(SAMPLING_INTERVAL) && values[SAMPLING_INTERVAL] > 0) {
            return values[SAMPLING_INTERVAL];
        }
        if (has(PACKET_INTERVAL) && values[PACKET_INTERVAL] > 0) {
            long interval = values[PACKET_INTERVAL];
            long space = has(PACKET_SPACE) ? values[PACKET_SPACE] : 0;
            return space >= 0 ? Math.max(1, Math.round((interval + (double) space) / interval)) : 0;
        }
        if (options != null && has(SAMPLER_ID)) {
            return options.samplerRate(values[SAMPLER_ID]);
        }
        return 0;
    }

    /**
     * The flow this record describes, or null when it is none (see {@link #dropped()}).
     *
     * @throws IllegalArgumentException when its values cannot make a flow (negative counts after an
     *                                  unsigned 64-bit overflow, a rate that overflows them)
     */
    Flow toFlow(ExportContext export, ExporterOptions.Domain options, long configuredRate) throws UnknownHostException {
        boolean v4 = has(SRC_V4) && has(DST_V4);
        boolean v6 = has(SRC_V6) && has(DST_V6);
        if (has(BAD_ADDRESS)) {
            throw new IllegalArgumentException("address of the wrong length");
        }
        if (!v4 && !v6 || !has(OCTETS) && !has(TOTAL_OCTETS)) {
            dropped = Dropped.NOT_A_FLOW;
            return null;
        }
        ObservedDirection direction = !has(DIRECTION) ? ObservedDirection.UNKNOWN
                : values[DIRECTION] == 0 ? ObservedDirection.INGRESS : ObservedDirection.EGRESS;
        if (direction == ObservedDirection.EGRESS && (egressCopies == EgressCopies.DROP
                || egressCopies == EgressCopies.AUTO && options.doubleExports())) {
            dropped = Dropped.EGRESS_COPY;
            return null;
        }
        long rate = recordRate(options);
        if (rate <= 0) {
            rate = options.samplingRate() > 0 ? options.samplingRate() : configuredRate;
        }
        long octets = has(OCTETS) ? values[OCTETS] : values[TOTAL_OCTETS];
        long packets = has(PACKETS) ? values[PACKETS] : has(TOTAL_PACKETS) ? values[TOTAL_PACKETS] : 0;
        int protocol = has(PROTOCOL) ? (int) values[PROTOCOL] & 0xFF : 0;
        int srcPort = has(SRC_PORT) ? (int) values[SRC_PORT] & 0xFFFF : 0;
        int dstPort = has(DST_PORT) ? (int) values[DST_PORT] & 0xFFFF : 0;
        int icmp = icmpKind(protocol);
        if (icmp != SKIP) {
            dstPort = (int) values[icmp] & 0xFFFF;
        } else if ((protocol == 1 || protocol == 58) && has(ICMP_TYPE)) {
            dstPort = (int) (values[ICMP_TYPE] & 0xFF) << 8 | (int) value(ICMP_CODE) & 0xFF;
        }
        long end = time(END_MILLIS, END_SECONDS, END_NTP_MICROS, END_NTP_NANOS, END_DELTA_MICROS, END_UPTIME, export, options);
        long start = time(START_MILLIS, START_SECONDS, START_NTP_MICROS, START_NTP_NANOS, START_DELTA_MICROS, START_UPTIME,
                export, options);
        if (start == ExportContext.UNKNOWN) {
            start = end == ExportContext.UNKNOWN ? export.exportMs() : end;
        }
        if (end == ExportContext.UNKNOWN || end < start) {
            end = start; // one-packet flows, clocks that wrapped: the flow still counts
        }
        return new Flow(export.protocol(), export.domain(), address(v4 ? SRC_V4 : SRC_V6, v4), address(v4 ? DST_V4 : DST_V6, v4),
                srcPort, dstPort, protocol, Math.multiplyExact(octets, rate), Math.multiplyExact(packets, rate), rate,
                start, end, direction, (int) value(INPUT_IF), (int) value(OUTPUT_IF), (int) value(TCP_FLAGS));
    }

    /** The value of a number element, 0 when the record has none. */
    private long value(int kind) {
        return has(kind) ? values[kind] : 0;
    }

    Dropped dropped() {
        return dropped;
    }

    /** Which ICMP type/code element carries the ICMP "port", if any: the one for the protocol, else either. */
    private int icmpKind(int protocol) {
        if (protocol == 1 && has(ICMP_V4) || protocol == 58 && has(ICMP_V6)) {
            return protocol == 1 ? ICMP_V4 : ICMP_V6;
        }
        if (protocol == 1 || protocol == 58) {
            return has(ICMP_V4) ? ICMP_V4 : has(ICMP_V6) ? ICMP_V6 : SKIP;
        }
        return SKIP;
    }

    /** Epoch ms from the first time element present, in order of precision of intent; UNKNOWN if none. */
    private long time(int millis, int seconds, int ntpMicros, int ntpNanos, int deltaMicros, int uptime,
                      ExportContext export, ExporterOptions.Domain options) {
        if (has(millis)) {
            return values[millis];
        }
        if (has(seconds)) {
            return values[seconds] * 1000;
        }
        if (has(ntpMicros)) {
            return ntpToMillis(values[ntpMicros]);
        }
        if (has(ntpNanos)) {
            return ntpToMillis(values[ntpNanos]);
        }
        if (has(deltaMicros)) {
            return export.exportMs() - values[deltaMicros] / 1000;
        }
        if (has(uptime)) {
            return ExportContext.uptimeToEpochMs(uptimeBase(export, options), values[uptime], export.exportMs());
        }
        return ExportContext.UNKNOWN;
    }

    /**
     * Epoch ms of uptime 0: from the v9 header, else the exporter's systemInitTimeMilliseconds (IE 160,
     * an IPFIX options record, as softflowd sends). Without either, the export time is taken as the
     * flow's end: a flow is exported when it ends, so this is off by the exporter's flush delay only.
     */
    private long uptimeBase(ExportContext export, ExporterOptions.Domain options) {
        if (export.uptimeBaseMs() != ExportContext.UNKNOWN) {
            return export.uptimeBaseMs();
        }
        if (options.systemInitMs() != ExportContext.UNKNOWN) {
            return options.systemInitMs();
        }
        return export.exportMs() - (has(END_UPTIME) ? values[END_UPTIME] : values[START_UPTIME]);
    }

    /** NTP timestamp (RFC 5905: seconds since 1900 . 32-bit fraction) to epoch ms. */
    static long ntpToMillis(long ntp) {
        long seconds = ntp >>> 32;
        long fraction = ntp & 0xFFFFFFFFL;
        return (seconds - NTP_TO_UNIX_SECONDS) * 1000 + (fraction * 1000 >>> 32);
    }

    private InetAddress address(int kind, boolean v4) throws UnknownHostException {
        byte[] bytes = new byte[v4 ? 4 : 16];
        buffer.get((int) values[kind], bytes);
        return InetAddress.getByAddress(bytes);
    }
}
