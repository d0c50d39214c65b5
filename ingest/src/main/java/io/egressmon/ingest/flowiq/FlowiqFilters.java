package io.egressmon.ingest.flowiq;

import java.util.List;

/**
 * The original script's egress filters in FlowIQ's Lucene syntax (docs/copilot-api.md, "FlowIQ"),
 * character for character, and the per-spoke form that appends {@code netflow.gw_name}.
 */
public final class FlowiqFilters {
    public static final String SRC_ADDR = "netflow.src_addr";
    public static final String DST_ADDR = "netflow.dst_addr";
    public static final String GW_NAME = "netflow.gw_name";

    /** Private address space (RFC 1918): the internal side of egress. */
    public static final List<String> RFC1918 = List.of("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16");
    /** Carrier-grade NAT space: neither internal nor internet, so never egress. */
    public static final List<String> CGNAT = List.of("100.64.0.0/10");

    /** Private source, public destination: {@code netflow.src_addr:(RFC1918) AND NOT netflow.dst_addr:(RFC1918) AND NOT netflow.dst_addr:(CGNAT)}. */
    public static final String OUTBOUND = SRC_ADDR + ":(" + terms(RFC1918) + ") AND NOT " + DST_ADDR + ":(" + terms(RFC1918)
            + ") AND NOT " + DST_ADDR + ":(" + terms(CGNAT) + ")";
    /** Public source, private destination: {@code NOT netflow.src_addr:(RFC1918) AND NOT netflow.src_addr:(CGNAT) AND netflow.dst_addr:(RFC1918)}. */
    public static final String INBOUND = "NOT " + SRC_ADDR + ":(" + terms(RFC1918) + ") AND NOT " + SRC_ADDR + ":("
            + terms(CGNAT) + ") AND " + DST_ADDR + ":(" + terms(RFC1918) + ")";

    private FlowiqFilters() {
    }

    /** {@code (<filter>) AND netflow.gw_name:"<gateway>"}: the filter restricted to one gateway. */
    public static String forGateway(String filter, String gateway) {
        return "(" + filter + ") AND " + GW_NAME + ":" + quote(gateway);
    }

    /** A Lucene phrase: the text in double quotes, with {@code \} and {@code "} escaped by a backslash. */
    public static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** {@code "a" OR "b" OR ...} */
    static String terms(List<String> cidrs) {
        return String.join(" OR ", cidrs.stream().map(FlowiqFilters::quote).toList());
    }
}
