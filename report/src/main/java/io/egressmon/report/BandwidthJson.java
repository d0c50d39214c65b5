package io.egressmon.report;

import io.egressmon.api.ApiJson;
import io.egressmon.api.GatewayAttributes;
import io.egressmon.api.bandwidth.BandwidthAnswer;
import io.egressmon.api.bandwidth.GroupBandwidth;
import io.egressmon.api.bandwidth.SpokeBandwidth;
import io.egressmon.api.bandwidth.Traffic;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The original script's bandwidth JSON, printed as it did ({@code print(json.dumps(report, indent=2))}):
 *
 * <pre>
 * {"report": "spoke_gateway_bandwidth", "method": "interface_counters",
 *  "period_start": "...Z", "period_end": "...Z", "period_days": N,
 *  "gateways": [{gateway, 7 attributes, tunnel_interfaces, internal/egress rx/tx _bytes, eth0_rx/tx_bytes}]}
 * </pre>
 *
 * A grouped report adds {@code "group_by"} and {@code "groups"} (in the REST API's shape) after
 * {@code "gateways"}; the original does not say what its JSON did with {@code --group-by}, and dropping
 * the groups would make the flag do nothing. An ungrouped report is exactly the original's.
 */
public final class BandwidthJson {
    private BandwidthJson() {
    }

    /** The document with a trailing newline. */
    public static String write(BandwidthAnswer answer) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("report", answer.report());
        doc.put("method", answer.method());
        doc.put("period_start", ApiJson.instant(answer.periodStart()));
        doc.put("period_end", ApiJson.instant(answer.periodEnd()));
        doc.put("period_days", answer.periodDays());
        List<Object> gateways = new ArrayList<>();
        for (SpokeBandwidth s : answer.gateways()) {
            Map<String, Object> g = attributes(s.attributes());
            Traffic t = s.traffic();
            g.put("tunnel_interfaces", s.tunnelInterfaces());
            g.put("internal_rx_bytes", t.internalRxBytes());
            g.put("internal_tx_bytes", t.internalTxBytes());
            g.put("egress_rx_bytes", t.egressRxBytes());
            g.put("egress_tx_bytes", t.egressTxBytes());
            g.put("eth0_rx_bytes", t.eth0RxBytes());
            g.put("eth0_tx_bytes", t.eth0TxBytes());
            gateways.add(g);
        }
        doc.put("gateways", gateways);
        if (answer.grouped()) {
            doc.put("group_by", answer.groupBy().key());
            List<Object> groups = new ArrayList<>();
            for (GroupBandwidth grp : answer.groups()) {
                Map<String, Object> g = new LinkedHashMap<>();
                g.put("name", grp.name());
                g.put("spokes", grp.spokes());
                g.put("gateways", grp.gateways());
                g.put("internal_rx_bytes", grp.bandwidth().internalRxBytes());
                g.put("internal_tx_bytes", grp.bandwidth().internalTxBytes());
                g.put("egress_rx_bytes", grp.bandwidth().egressRxBytes());
                g.put("egress_tx_bytes", grp.bandwidth().egressTxBytes());
                groups.add(g);
            }
            doc.put("groups", groups);
        }
        return PythonJson.dumps(doc) + "\n";
    }

    /** {@code gateway} and the seven attributes as an ordered map, in the original's key order. */
    public static Map<String, Object> attributes(GatewayAttributes attributes) {
        Map<String, Object> map = new LinkedHashMap<>();
        List<Object> values = attributes.values();
        for (int i = 0; i < GatewayAttributes.NAMES.size(); i++) {
            map.put(GatewayAttributes.NAMES.get(i), values.get(i));
        }
        return map;
    }
}
