package io.egressmon.ingest.netflow;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** sFlow v5 datagrams in XDR, written the way sflow_version_5.txt lays them out, for tests. */
final class SflowDatagramBuilder {
    static final int FLOW_SAMPLE = 1, COUNTER_SAMPLE = 2, EXPANDED_FLOW_SAMPLE = 3, EXPANDED_COUNTER_SAMPLE = 4;
    /** Interface value for "not known" in the compact form. */
    static final int UNKNOWN_INTERFACE = 0x3FFFFFFF;

    private int version = 5;
    private byte[] agent = {10, 9, 9, 9};
    private int subAgent;
    private final List<byte[]> samples = new ArrayList<>();

    static SflowDatagramBuilder datagram() {
        return new SflowDatagramBuilder();
    }

    SflowDatagramBuilder version(int v) {
        version = v;
        return this;
    }

    SflowDatagramBuilder agent(String literal) {
        agent = SflowFrames.address(literal);
        return this;
    }

    SflowDatagramBuilder subAgent(int id) {
        subAgent = id;
        return this;
    }

    /** A compact flow sample (enterprise 0, format 1). */
    SflowDatagramBuilder flowSample(int sourceId, int rate, int input, int output, byte[]... records) {
        return sample(FLOW_SAMPLE, xdr(o -> {
            o.writeInt(samples.size() + 1);
            o.writeInt(sourceId);
            o.writeInt(rate);
            o.writeInt(1000);
            o.writeInt(0);
            o.writeInt(input);
            o.writeInt(output);
            list(o, records);
        }));
    }

    /** An expanded flow sample (format 3): input and output are ifIndexes (format 0). */
    SflowDatagramBuilder expandedFlowSample(int sourceType, int sourceIndex, int rate, int inputIf, int outputIf,
                                            byte[]... records) {
        return sample(EXPANDED_FLOW_SAMPLE, xdr(o -> {
            o.writeInt(samples.size() + 1);
            o.writeInt(sourceType);
            o.writeInt(sourceIndex);
            o.writeInt(rate);
            o.writeInt(1000);
            o.writeInt(0);
            o.writeInt(0);
            o.writeInt(inputIf);
            o.writeInt(0);
            o.writeInt(outputIf);
            list(o, records);
        }));
    }

    SflowDatagramBuilder counterSample(int sourceId, byte[]... records) {
        return sample(COUNTER_SAMPLE, xdr(o -> {
            o.writeInt(samples.size() + 1);
            o.writeInt(sourceId);
            list(o, records);
        }));
    }

    SflowDatagramBuilder expandedCounterSample(int sourceType, int sourceIndex, byte[]... records) {
        return sample(EXPANDED_COUNTER_SAMPLE, xdr(o -> {
            o.writeInt(samples.size() + 1);
            o.writeInt(sourceType);
            o.writeInt(sourceIndex);
            list(o, records);
        }));
    }

    /** Any sample: {@code format} is enterprise << 12 | format. */
    SflowDatagramBuilder sample(int format, byte[] body) {
        samples.add(record(format, body));
        return this;
    }

    byte[] build() {
        return xdr(o -> {
            o.writeInt(version);
            o.writeInt(agent.length == 4 ? 1 : 2);
            o.write(agent);
            o.writeInt(subAgent);
            o.writeInt(77);
            o.writeInt(123_456);
            list(o, samples.toArray(byte[][]::new));
        });
    }

    ByteBuffer buffer() {
        return ByteBuffer.wrap(build());
    }

    /** A raw packet header record of an Ethernet frame as an agent sends it: the FCS counted in the frame length, then stripped. */
    static byte[] rawHeader(byte[] frame) {
        return rawHeader(PacketHeader.ETHERNET, frame.length + 4, 4, frame);
    }

    static byte[] rawHeader(int headerProtocol, int frameLength, int stripped, byte[] header) {
        return record(1, xdr(o -> {
            o.writeInt(headerProtocol);
            o.writeInt(frameLength);
            o.writeInt(stripped);
            opaque(o, header);
        }));
    }

    static byte[] sampledIpv4(int length, int protocol, String src, String dst, int srcPort, int dstPort, int tcpFlags) {
        return sampledIp(3, length, protocol, src, dst, srcPort, dstPort, tcpFlags);
    }

    static byte[] sampledIpv6(int length, int protocol, String src, String dst, int srcPort, int dstPort, int tcpFlags) {
        return sampledIp(4, length, protocol, src, dst, srcPort, dstPort, tcpFlags);
    }

    private static byte[] sampledIp(int format, int length, int protocol, String src, String dst, int srcPort,
                                    int dstPort, int tcpFlags) {
        return record(format, xdr(o -> {
            o.writeInt(length);
            o.writeInt(protocol);
            o.write(SflowFrames.address(src));
            o.write(SflowFrames.address(dst));
            o.writeInt(srcPort);
            o.writeInt(dstPort);
            o.writeInt(tcpFlags);
            o.writeInt(0);
        }));
    }

    /** Generic interface counters (counter record format 1); in/out packets split as 3 unicast, 2 multicast, 1 broadcast parts. */
    static byte[] ifCounters(int ifIndex, long ifSpeed, long inOctets, int inPacketsPart, long outOctets, int outPacketsPart) {
        return record(1, xdr(o -> {
            o.writeInt(ifIndex);
            o.writeInt(6);
            o.writeLong(ifSpeed);
            o.writeInt(1);
            o.writeInt(3);
            o.writeLong(inOctets);
            for (int k : new int[] {3, 2, 1, 0, 0, 0}) {
                o.writeInt(k * inPacketsPart);
            }
            o.writeLong(outOctets);
            for (int k : new int[] {3, 2, 1, 0, 0}) {
                o.writeInt(k * outPacketsPart);
            }
            o.writeInt(0);
        }));
    }

    /** A record or sample: format, length, body. */
    static byte[] record(int format, byte[] body) {
        return xdr(o -> {
            o.writeInt(format);
            o.writeInt(body.length);
            o.write(body);
        });
    }

    private static void list(DataOutputStream o, byte[][] items) throws IOException {
        o.writeInt(items.length);
        for (byte[] item : items) {
            o.write(item);
        }
    }

    private static void opaque(DataOutputStream o, byte[] bytes) throws IOException {
        o.writeInt(bytes.length);
        o.write(bytes);
        o.write(new byte[(4 - bytes.length % 4) % 4]);
    }

    interface Writer {
        void write(DataOutputStream out) throws IOException;
    }

    static byte[] xdr(Writer writer) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            writer.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
