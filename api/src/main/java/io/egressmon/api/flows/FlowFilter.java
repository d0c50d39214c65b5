package io.egressmon.api.flows;

import io.egressmon.api.QueryParameters;
import io.egressmon.api.QueryString;
import io.egressmon.api.bandwidth.BandwidthRequest;

/**
 * Which flows the table shows; every part optional (null = any).
 *
 * @param exporter the exporter's address as the collector saw it
 * @param port     matches either port
 */
public record FlowFilter(String gateway, String exporter, Cidr srcAddr, Cidr dstAddr, Integer protocol, Integer port) {
    public static final String EXPORTER = "exporter";
    public static final String SRC_ADDR = "src_addr";
    public static final String DST_ADDR = "dst_addr";
    public static final String PORT = "port";
    public static final FlowFilter ANY = new FlowFilter(null, null, null, null, null, null);

    public FlowFilter {
        gateway = BandwidthRequest.gateway(gateway);
        exporter = exporter == null || exporter.isBlank() ? null : exporter.trim();
    }

    /** @throws io.egressmon.api.BadParameter naming the parameter that is wrong */
    public static FlowFilter parse(QueryParameters params) {
        return new FlowFilter(params.raw(QueryParameters.GATEWAY), params.raw(EXPORTER),
                params.has(SRC_ADDR) ? Cidr.parse(SRC_ADDR, params.raw(SRC_ADDR)) : null,
                params.has(DST_ADDR) ? Cidr.parse(DST_ADDR, params.raw(DST_ADDR)) : null,
                params.has(Protocols.PARAMETER) ? Protocols.parse(params.raw(Protocols.PARAMETER)) : null,
                params.has(PORT) ? params.integer(PORT, 0, 65535) : null);
    }

    void addTo(QueryString q) {
        q.put(QueryParameters.GATEWAY, gateway).put(EXPORTER, exporter).put(SRC_ADDR, srcAddr).put(DST_ADDR, dstAddr)
                .put(Protocols.PARAMETER, protocol).put(PORT, port);
    }

    /** Whether a flow with these attributes passes; addresses are 4 or 16 bytes. */
    public boolean matches(String flowGateway, String flowExporter, byte[] src, byte[] dst, int srcPort, int dstPort,
                           int flowProtocol) {
        return (gateway == null || gateway.equals(flowGateway))
                && (exporter == null || exporter.equals(flowExporter))
                && (srcAddr == null || srcAddr.contains(src))
                && (dstAddr == null || dstAddr.contains(dst))
                && (protocol == null || protocol == flowProtocol)
                && (port == null || port == srcPort || port == dstPort);
    }
}
