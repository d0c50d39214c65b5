package io.egressmon.copilot.sim.flowiq;

import io.egressmon.schemas.IpClass;
import java.util.Objects;

/**
 * The fields of one flow record (everything but its time and bytes). Addresses are kept parsed too,
 * because CIDR terms are evaluated against them for every record a query looks at.
 */
public final class FlowRecord {

    private final String srcAddr;
    private final String dstAddr;
    private final String gwName;
    private final int srcPort;
    private final int dstPort;
    private final int protocol;
    private final long src;
    private final long dst;

    public FlowRecord(String srcAddr, String dstAddr, String gwName, int srcPort, int dstPort, int protocol) {
        this.srcAddr = Objects.requireNonNull(srcAddr, "srcAddr");
        this.dstAddr = Objects.requireNonNull(dstAddr, "dstAddr");
        this.gwName = Objects.requireNonNull(gwName, "gwName");
        this.srcPort = srcPort;
        this.dstPort = dstPort;
        this.protocol = protocol;
        this.src = IpClass.parseIpv4(srcAddr);
        this.dst = IpClass.parseIpv4(dstAddr);
    }

    public String srcAddr() {
        return srcAddr;
    }

    public String dstAddr() {
        return dstAddr;
    }

    public String gwName() {
        return gwName;
    }

    public int srcPort() {
        return srcPort;
    }

    public int dstPort() {
        return dstPort;
    }

    public int protocol() {
        return protocol;
    }

    /** The field's value as field_agg reports it as a key. */
    public String value(FlowField field) {
        return switch (field) {
            case SRC_ADDR -> srcAddr;
            case DST_ADDR -> dstAddr;
            case GW_NAME -> gwName;
            case SRC_PORT -> Integer.toString(srcPort);
            case DST_PORT -> Integer.toString(dstPort);
            case PROTOCOL -> Integer.toString(protocol);
        };
    }

    /** An IP field's address as an unsigned 32-bit number. */
    long address(FlowField field) {
        return switch (field) {
            case SRC_ADDR -> src;
            case DST_ADDR -> dst;
            default -> throw new IllegalArgumentException(field + " is not an IP field");
        };
    }

    /** A number field's value. */
    int number(FlowField field) {
        return switch (field) {
            case SRC_PORT -> srcPort;
            case DST_PORT -> dstPort;
            case PROTOCOL -> protocol;
            default -> throw new IllegalArgumentException(field + " is not a number field");
        };
    }

    @Override
    public String toString() {
        return gwName + ": " + srcAddr + ":" + srcPort + " -> " + dstAddr + ":" + dstPort + " proto " + protocol;
    }
}
