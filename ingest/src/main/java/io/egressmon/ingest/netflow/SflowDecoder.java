package io.egressmon.ingest.netflow;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Objects;

/**
 * Reads sFlow v5 datagrams (sflow.org, sflow_version_5.txt): flow samples and expanded flow samples
 * become one {@link Flow} each, the generic interface counters of counter samples (compact or
 * expanded) become {@link InterfaceCounters}. Samples and records of other formats or enterprises are
 * skipped by their length.
 *
 * <p><b>Bytes are IP-layer bytes, as NetFlow and IPFIX count them</b>, not sFlow's frame length: the
 * IP packet's length is read from its header (IPv4 total length, IPv6 payload length + 40), or, when
 * the header says 0 (TSO, jumbograms), taken as the frame length less the stripped bytes and the
 * link-layer header. A sample stands for {@code sampling_rate} packets: bytes and packets are that
 * one packet's multiplied by the sample's own rate (a rate of 0 falls back to
 * {@link DecoderSettings#samplingFor}).
 *
 * <p>The 5-tuple comes from the raw packet header record when there is one and it holds IP; else from
 * a sampled IPv4 or IPv6 record. A sample whose raw header is not IP (ARP…) and that has no such
 * record is dropped as {@link Dropped#NOT_IP}; one with no usable record at all, or an IP header cut
 * before its addresses, as {@link Dropped#NOT_A_FLOW}.
 *
 * <p>sFlow carries no flow times, only the agent's uptime: every flow starts and ends when its
 * datagram was received. Direction is {@link ObservedDirection#UNKNOWN}; the domain is
 * {@code sub_agent_id << 32 | source_id} (an expanded source id folded into the compact form:
 * type in the top 8 bits, index in the low 24), so a source reads the same in both forms.
 *
 * <p>A datagram cut anywhere is {@link Malformed#TRUNCATED}: the samples before the cut stay handed
 * on. A record that runs past its sample, or is too short for its format, makes the datagram
 * {@link Malformed#BAD_SAMPLE}. Bytes after the last sample are ignored.
 */
public final class SflowDecoder implements DatagramDecoder {
    private static final int VERSION = 5;
    /** Sample and record data_format values, enterprise 0. */
    private static final int FLOW_SAMPLE = 1, COUNTER_SAMPLE = 2, EXPANDED_FLOW_SAMPLE = 3, EXPANDED_COUNTER_SAMPLE = 4;
    private static final int RAW_HEADER = 1, SAMPLED_IPV4 = 3, SAMPLED_IPV6 = 4;
    private static final int GENERIC_INTERFACE_COUNTERS = 1;
    private static final int RAW_HEADER_MIN = 16, SAMPLED_IPV4_LENGTH = 32, SAMPLED_IPV6_LENGTH = 56, IF_COUNTERS_LENGTH = 88;
    /** An interface value of 0x3FFFFFFF means "not known". */
    private static final int UNKNOWN_INTERFACE = 0x3FFFFFFF;

    private final DecoderSettings settings;
    private final PacketHeader header = new PacketHeader();

    public SflowDecoder(DecoderSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    @Override
    public Malformed decode(InetAddress exporter, ByteBuffer datagram, long receivedAtMs, FlowSink sink) {
        ByteBuffer b = datagram.order() == ByteOrder.BIG_ENDIAN ? datagram : datagram.duplicate().order(ByteOrder.BIG_ENDIAN);
        int at = b.position();
        int end = b.limit();
        if (end - at < 8) {
            return end - at >= 4 && b.getInt(at) != VERSION ? Malformed.UNKNOWN_VERSION : Malformed.TRUNCATED;
        }
        if (b.getInt(at) != VERSION) {
            return Malformed.UNKNOWN_VERSION;
        }
        int agentAddressLength = switch (b.getInt(at + 4)) {
            case 0 -> 0;
            case 1 -> 4;
            case 2 -> 16;
            default -> -1;
        };
        if (agentAddressLength < 0) {
            return Malformed.BAD_SAMPLE;
        }
        at += 8 + agentAddressLength;
        if (end - at < 16) {
            return Malformed.TRUNCATED;
        }
        long subAgent = u32(b, at);
        long samples = u32(b, at + 12);
        at += 16;
        // each sample takes at least 8 bytes, so a huge count ends in TRUNCATED after at most end/8 turns
        for (long i = 0; i < samples; i++) {
            if (end - at < 8) {
                return Malformed.TRUNCATED;
            }
            int format = b.getInt(at);
            long length = u32(b, at + 4);
            if (length > end - at - 8) {
                return Malformed.TRUNCATED;
            }
            int start = at + 8;
            int stop = start + (int) length;
            Malformed problem = switch (format) {
                case FLOW_SAMPLE, EXPANDED_FLOW_SAMPLE ->
                        flowSample(exporter, b, start, stop, format == EXPANDED_FLOW_SAMPLE, subAgent, receivedAtMs, sink);
                case COUNTER_SAMPLE, EXPANDED_COUNTER_SAMPLE ->
                        counterSample(exporter, b, start, stop, format == EXPANDED_COUNTER_SAMPLE, subAgent, receivedAtMs, sink);
                default -> null;
            };
            if (problem != null) {
                return problem;
            }
            at = stop;
        }
        return null;
    }

    private Malformed flowSample(InetAddress exporter, ByteBuffer b, int at, int end, boolean expanded, long subAgent,
                                 long receivedAtMs, FlowSink sink) {
        int fixed = expanded ? 44 : 32;
        if (end - at < fixed) {
            return Malformed.BAD_SAMPLE;
        }
        long sourceId;
        long rate;
        int inputIf;
        int outputIf;
        if (expanded) {
            sourceId = expandedSourceId(b, at + 4);
            rate = u32(b, at + 12);
            inputIf = expandedInterface(b.getInt(at + 24), b.getInt(at + 28));
            outputIf = expandedInterface(b.getInt(at + 32), b.getInt(at + 36));
        } else {
            sourceId = u32(b, at + 4);
            rate = u32(b, at + 8);
            inputIf = compactInterface(b.getInt(at + 20));
            outputIf = compactInterface(b.getInt(at + 24));
        }
        long records = u32(b, at + fixed - 4);
        int rawHeaderAt = -1;
        int sampledIpAt = -1;
        int sampledIpFormat = 0;
        at += fixed;
        for (long i = 0; i < records; i++) {
            if (end - at < 8) {
                return Malformed.BAD_SAMPLE;
            }
            int format = b.getInt(at);
            long length = u32(b, at + 4);
            if (length > end - at - 8) {
                return Malformed.BAD_SAMPLE;
            }
            int minimum = switch (format) {
                case RAW_HEADER -> RAW_HEADER_MIN;
                case SAMPLED_IPV4 -> SAMPLED_IPV4_LENGTH;
                case SAMPLED_IPV6 -> SAMPLED_IPV6_LENGTH;
                default -> 0;
            };
            if (length < minimum || format == RAW_HEADER && u32(b, at + 20) > length - RAW_HEADER_MIN) {
                return Malformed.BAD_SAMPLE;
            }
            if (format == RAW_HEADER) {
                rawHeaderAt = at + 8;
            } else if (format == SAMPLED_IPV4 || format == SAMPLED_IPV6) {
                sampledIpAt = at + 8;
                sampledIpFormat = format;
            }
            at += 8 + (int) length;
        }
        long samplingRate = rate > 0 ? rate : settings.samplingFor(exporter);
        long domain = subAgent << 32 | sourceId;
        PacketHeader.Outcome outcome = rawHeaderAt < 0 ? null : header.parse(b, rawHeaderAt + RAW_HEADER_MIN,
                b.getInt(rawHeaderAt + 12), b.getInt(rawHeaderAt), u32(b, rawHeaderAt + 4), u32(b, rawHeaderAt + 8));
        Flow flow;
        try {
            if (outcome == PacketHeader.Outcome.IP) {
                flow = new Flow(ExportProtocol.SFLOW_V5, domain, address(b, header.addressAt, header.addressLength),
                        address(b, header.addressAt + header.addressLength, header.addressLength),
                        header.srcPort, header.dstPort, header.protocol, Math.multiplyExact(header.ipBytes, samplingRate),
                        samplingRate, samplingRate, receivedAtMs, receivedAtMs, ObservedDirection.UNKNOWN,
                        inputIf, outputIf, header.tcpFlags);
            } else if (sampledIpAt >= 0) {
                flow = sampledIp(b, sampledIpAt, sampledIpFormat == SAMPLED_IPV6, domain, samplingRate, receivedAtMs,
                        inputIf, outputIf);
            } else {
                sink.dropped(exporter, outcome == PacketHeader.Outcome.NOT_IP ? Dropped.NOT_IP : Dropped.NOT_A_FLOW, 1);
                return null;
            }
        } catch (IllegalArgumentException | ArithmeticException e) {
            return Malformed.BAD_SAMPLE; // values no flow can have (bytes × rate beyond a long…)
        }
        sink.flow(exporter, flow);
        return null;
    }

    /** A sampled_ipv4 or sampled_ipv6 record: the exporter already parsed the packet. */
    private static Flow sampledIp(ByteBuffer b, int at, boolean v6, long domain, long samplingRate, long receivedAtMs,
                                  int inputIf, int outputIf) {
        int addressLength = v6 ? 16 : 4;
        int portsAt = at + 8 + 2 * addressLength;
        return new Flow(ExportProtocol.SFLOW_V5, domain, address(b, at + 8, addressLength),
                address(b, at + 8 + addressLength, addressLength), b.getInt(portsAt) & 0xFFFF,
                b.getInt(portsAt + 4) & 0xFFFF, b.getInt(at + 4) & 0xFF, Math.multiplyExact(u32(b, at), samplingRate),
                samplingRate, samplingRate, receivedAtMs, receivedAtMs, ObservedDirection.UNKNOWN, inputIf, outputIf,
                b.getInt(portsAt + 8) & 0xFF);
    }

    private static Malformed counterSample(InetAddress exporter, ByteBuffer b, int at, int end, boolean expanded,
                                           long subAgent, long receivedAtMs, FlowSink sink) {
        int fixed = expanded ? 16 : 12;
        if (end - at < fixed) {
            return Malformed.BAD_SAMPLE;
        }
        long domain = subAgent << 32 | (expanded ? expandedSourceId(b, at + 4) : u32(b, at + 4));
        long records = u32(b, at + fixed - 4);
        at += fixed;
        for (long i = 0; i < records; i++) {
            if (end - at < 8) {
                return Malformed.BAD_SAMPLE;
            }
            int format = b.getInt(at);
            long length = u32(b, at + 4);
            if (length > end - at - 8) {
                return Malformed.BAD_SAMPLE;
            }
            if (format == GENERIC_INTERFACE_COUNTERS) {
                if (length < IF_COUNTERS_LENGTH) {
                    return Malformed.BAD_SAMPLE;
                }
                int c = at + 8;
                sink.interfaceCounters(exporter, new InterfaceCounters(domain, u32(b, c), b.getLong(c + 8),
                        b.getLong(c + 24), b.getLong(c + 56),
                        u32(b, c + 32) + u32(b, c + 36) + u32(b, c + 40),
                        u32(b, c + 64) + u32(b, c + 68) + u32(b, c + 72), receivedAtMs));
            }
            at += 8 + (int) length;
        }
        return null;
    }

    /** Type (8 bits) and index (24 bits), as in the compact form; an index beyond 24 bits is cut. */
    private static long expandedSourceId(ByteBuffer b, int at) {
        return (u32(b, at) & 0xFF) << 24 | u32(b, at + 4) & 0xFFFFFF;
    }

    /** The compact form: 2 bits of format (0 = one ifIndex; 1 = discarded, 2 = several), 30 of value. */
    private static int compactInterface(int value) {
        return expandedInterface(value >>> 30, value & 0x3FFFFFFF);
    }

    private static int expandedInterface(int format, int value) {
        return format == 0 && value != UNKNOWN_INTERFACE ? value : 0;
    }

    private static InetAddress address(ByteBuffer b, int at, int length) {
        byte[] bytes = new byte[length];
        b.get(at, bytes);
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("an address of 4 or 16 bytes is always valid", e);
        }
    }

    private static long u32(ByteBuffer b, int at) {
        return Integer.toUnsignedLong(b.getInt(at));
    }
}
