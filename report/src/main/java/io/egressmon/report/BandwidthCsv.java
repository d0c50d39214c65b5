package io.egressmon.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The seed's bandwidth CSV: one row per spoke with the 8 gateway attributes, the raw byte counts and
 * their human-readable forms (see {@code shared/reference/sample-reports/spoke_bandwidth_7d.csv}).
 * Groups are not part of the CSV: it is meant for pivot tables, which group by the attribute columns.
 */
public final class BandwidthCsv {
    /** The header row's columns, in order. */
    public static final List<String> COLUMNS = List.of(
            "gateway", "account_name", "vpc_name", "vpc_id", "vpc_region", "vendor_name", "transit_gw_name",
            "group_name", "internal_rx_bytes", "internal_tx_bytes", "egress_rx_bytes", "egress_tx_bytes",
            "internal_rx", "internal_tx", "egress_rx", "egress_tx");

    private BandwidthCsv() {
    }

    /** The whole CSV document, {@code \r\n} after every row. */
    public static String write(BandwidthReport report) {
        StringBuilder out = new StringBuilder(PythonCsv.row(COLUMNS));
        for (SpokeBandwidth s : report.gateways()) {
            List<Object> row = new ArrayList<>(s.attributeValues());
            row.addAll(Arrays.asList(
                    s.internalRxBytes(), s.internalTxBytes(), s.egressRxBytes(), s.egressTxBytes(),
                    HumanBytes.format(s.internalRxBytes()), HumanBytes.format(s.internalTxBytes()),
                    HumanBytes.format(s.egressRxBytes()), HumanBytes.format(s.egressTxBytes())));
            out.append(PythonCsv.row(row));
        }
        return out.toString();
    }
}
