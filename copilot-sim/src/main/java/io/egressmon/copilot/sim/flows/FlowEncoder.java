package io.egressmon.copilot.sim.flows;

import io.egressmon.schemas.IpClass;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;

/**
 * Turns flows into export datagrams of at most {@value #MAX_DATAGRAM} bytes. Stateful, like a real
 * exporting process: sequence numbers run on, and the templates (and the sampling options, for a
 * sampled spoke) go out in the first datagram, then again every {@value #TEMPLATE_EVERY_DATAGRAMS}
 * datagrams or {@value #TEMPLATE_EVERY_MS} ms of export time, whichever comes first. Not thread-safe.
 */
public sealed interface FlowEncoder permits SetEncoder {

    int MAX_DATAGRAM = 1400;
    int TEMPLATE_EVERY_DATAGRAMS = 20;
    long TEMPLATE_EVERY_MS = 60_000;
    int DATA_TEMPLATE_ID = 256;
    int OPTIONS_TEMPLATE_ID = 257;

    /** The datagrams carrying {@code flows}, exported at {@code exportMs} (epoch ms); none for no flows. */
    List<byte[]> encode(List<WireFlow> flows, long exportMs);

    /**
     * The encoder of an exporter. {@code bootMs} is the exporter's boot (epoch ms): NetFlow v9's
     * sysUptime and flow times count from it.
     */
    static FlowEncoder of(SpokeExporter exporter, long bootMs) {
        return switch (exporter.format()) {
            case NETFLOW_V9 -> new NetflowV9Encoder(exporter.domainId(), exporter.samplingRate(), bootMs);
            case IPFIX -> new IpfixEncoder(exporter.domainId(), exporter.samplingRate());
        };
    }

    /** The 5-tuple, as every data template starts: IE 8, 12, 7, 11, 4. */
    static void putKey(ByteBuffer out, WireFlow flow) {
        out.putInt((int) IpClass.parseIpv4(flow.record().srcAddr()));
        out.putInt((int) IpClass.parseIpv4(flow.record().dstAddr()));
        out.putShort((short) flow.record().srcPort());
        out.putShort((short) flow.record().dstPort());
        out.put((byte) flow.record().protocol());
    }

    /** Zero bytes up to a multiple of four, as both formats allow (and v9 recommends) at a set's end. */
    static void pad(ByteBuffer out, int setStart) {
        while ((out.position() - setStart) % 4 != 0) {
            out.put((byte) 0);
        }
    }

    /** Writes a set's length into its header, {@code setStart} being where the header began. */
    static void closeSet(ByteBuffer out, int setStart) {
        pad(out, setStart);
        out.putShort(setStart + 2, (short) (out.position() - setStart));
    }

    static byte[] bytes(ByteBuffer out) {
        return Arrays.copyOf(out.array(), out.position());
    }
}
