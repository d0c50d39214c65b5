package io.egressmon.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The seed's bandwidth JSON, printed as the original did ({@code print(json.dumps(report, indent=2))}):
 *
 * <pre>
 * {"report": "spoke_gateway_bandwidth", "method": "interface_counters",
 *  "period_start": "...Z", "period_end": "...Z", "period_days": N,
 *  "gateways": [{gateway, 7 attributes, tunnel_interfaces, internal/egress rx/tx _bytes, eth0_rx/tx_bytes}]}
 * </pre>
 *
 * A grouped report adds {@code "group_by"} and {@code "groups"} (in the REST API's shape) after
 * {@code "gateways"}; the seed does not say what its JSON did with {@code --group-by}, and dropping the
 * groups would make the flag do nothing. An ungrouped report is exactly the seed's.
 */
public final class BandwidthJson {
    private BandwidthJson() {
    }

    /** The document with a trailing newline. */
    public static String write(BandwidthReport report) {
        return PythonJson.dumps(toMap(report)) + "\n";
    }

    /** The document as ordered maps and lists, for callers that embed it. */
    public static Map<String, Object> toMap(BandwidthReport report) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("report", "spoke_gateway_bandwidth");
        doc.put("method", "interface_counters");
        doc.put("period_start", PythonJson.isoformatZ(report.periodStart()));
        doc.put("period_end", PythonJson.isoformatZ(report.periodEnd()));
        doc.put("period_days", report.periodDays());
        List<Object> gateways = new ArrayList<>();
        for (SpokeBandwidth s : report.gateways()) {
            Map<String, Object> g = s.attributeMap();
            g.put("tunnel_interfaces", s.tunnelInterfaces());
            g.put("internal_rx_bytes", s.internalRxBytes());
            g.put("internal_tx_bytes", s.internalTxBytes());
            g.put("egress_rx_bytes", s.egressRxBytes());
            g.put("egress_tx_bytes", s.egressTxBytes());
            g.put("eth0_rx_bytes", s.eth0RxBytes());
            g.put("eth0_tx_bytes", s.eth0TxBytes());
            gateways.add(g);
        }
        doc.put("gateways", gateways);
        if (report.grouped()) {
            doc.put("group_by", report.groupBy());
            List<Object> groups = new ArrayList<>();
            for (GroupBandwidth grp : report.groups()) {
                Map<String, Object> g = new LinkedHashMap<>();
                g.put("name", grp.name());
                g.put("spokes", grp.spokes());
                g.put("gateways", grp.gateways());
                g.put("internal_rx_bytes", grp.internalRxBytes());
                g.put("internal_tx_bytes", grp.internalTxBytes());
                g.put("egress_rx_bytes", grp.egressRxBytes());
                g.put("egress_tx_bytes", grp.egressTxBytes());
                groups.add(g);
            }
            doc.put("groups", groups);
        }
        return doc;
    }
}
