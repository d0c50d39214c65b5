package io.egressmon.copilot.sim.flowiq;

/** The report script's egress filters, verbatim (copilot-api.md), and its per-gateway form. */
public final class OriginalQueries {

    public static final String RFC1918 = "(\"10.0.0.0/8\" OR \"172.16.0.0/12\" OR \"192.168.0.0/16\")";
    public static final String CGNAT = "(\"100.64.0.0/10\")";

    public static final String OUTBOUND = "netflow.src_addr:" + RFC1918 + " AND NOT netflow.dst_addr:" + RFC1918
            + " AND NOT netflow.dst_addr:" + CGNAT;
    public static final String INBOUND = "NOT netflow.src_addr:" + RFC1918 + " AND NOT netflow.src_addr:" + CGNAT
            + " AND netflow.dst_addr:" + RFC1918;

    private OriginalQueries() {
    }

    /** {@code (filter) AND netflow.gw_name:"gateway"}, as the script narrows a filter to one gateway. */
    public static String forGateway(String filter, String gateway) {
        return "(" + filter + ") AND netflow.gw_name:\"" + gateway + "\"";
    }
}
