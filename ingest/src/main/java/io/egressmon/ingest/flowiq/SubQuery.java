package io.egressmon.ingest.flowiq;

import io.egressmon.avro.FlowDirection;
import io.egressmon.avro.TalkerRole;
import io.egressmon.schemas.IpClass;

/**
 * The four FlowIQ sub-queries asked per spoke and slice. Flow records can show a conversation in
 * either direction, so each side is read from both: external peers are outbound destinations and
 * inbound sources, internal hosts outbound sources and inbound destinations.
 */
public enum SubQuery {
    OUTBOUND_DESTINATIONS(FlowDirection.OUTBOUND, FlowiqFilters.DST_ADDR, TalkerRole.EXTERNAL),
    OUTBOUND_SOURCES(FlowDirection.OUTBOUND, FlowiqFilters.SRC_ADDR, TalkerRole.INTERNAL),
    INBOUND_SOURCES(FlowDirection.INBOUND, FlowiqFilters.SRC_ADDR, TalkerRole.EXTERNAL),
    INBOUND_DESTINATIONS(FlowDirection.INBOUND, FlowiqFilters.DST_ADDR, TalkerRole.INTERNAL);

    private final FlowDirection direction;
    private final String field;
    private final TalkerRole role;

    SubQuery(FlowDirection direction, String field, TalkerRole role) {
        this.direction = direction;
        this.field = field;
        this.role = role;
    }

    /** Which of the original script's two filters the sub-query uses. */
    public FlowDirection direction() {
        return direction;
    }

    /** The field aggregated: {@code netflow.src_addr} or {@code netflow.dst_addr}. */
    public String field() {
        return field;
    }

    /**
     * Which side of the egress boundary the keys are on: EXTERNAL, a public peer on the internet;
     * INTERNAL, a private (RFC 1918) host generating egress. The Avro enum itself, so a talker is
     * written with its sub-query's role as it is.
     */
    public TalkerRole role() {
        return role;
    }

    /** The direction's filter alone. */
    public String filter() {
        return direction == FlowDirection.OUTBOUND ? FlowiqFilters.OUTBOUND : FlowiqFilters.INBOUND;
    }

    /** The query string for one gateway. */
    public String queryString(String gateway) {
        return FlowiqFilters.forGateway(filter(), gateway);
    }

    /**
     * True when {@code key} is an address the filter can have produced for this role: public for
     * EXTERNAL, RFC 1918 for INTERNAL. Anything else (a CGNAT or private peer, a public "internal"
     * host, IPv6, text) means CoPilot's filter works differently from ours.
     */
    public boolean accepts(String key) {
        IpClass expected = role == TalkerRole.EXTERNAL ? IpClass.PUBLIC : IpClass.INTERNAL;
        try {
            return IpClass.of(key) == expected;
        } catch (IllegalArgumentException notIpv4) {
            return false;
        }
    }
}
