package io.egressmon.api.bandwidth;

import io.egressmon.api.GatewayAttributes;
import io.egressmon.api.HumanBytes;
import io.egressmon.api.PythonCsv;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The bandwidth answer as the original script's CSV: one row per spoke with the 8 gateway
 * attributes, the byte counts and their human-readable forms. Groups are not part of the CSV: it is
 * meant for pivot tables, which group by the attribute columns.
 */
public final class BandwidthCsv {
    /** The header row's columns, in order. */
    public static final List<String> COLUMNS = columns();

    private BandwidthCsv() {
    }

    /** The whole CSV document, {@code \r\n} after every row. */
    public static String write(BandwidthAnswer answer) {
        StringBuilder out = new StringBuilder(PythonCsv.row(COLUMNS));
        for (SpokeBandwidth s : answer.gateways()) {
            Bandwidth b = s.traffic().bandwidth();
            List<Object> row = new ArrayList<>(s.attributes().values());
            row.addAll(Arrays.asList(
                    b.internalRxBytes(), b.internalTxBytes(), b.egressRxBytes(), b.egressTxBytes(),
                    HumanBytes.format(b.internalRxBytes()), HumanBytes.format(b.internalTxBytes()),
                    HumanBytes.format(b.egressRxBytes()), HumanBytes.format(b.egressTxBytes())));
            out.append(PythonCsv.row(row));
        }
        return out.toString();
    }

    private static List<String> columns() {
        List<String> names = new ArrayList<>(GatewayAttributes.NAMES);
        names.addAll(List.of("internal_rx_bytes", "internal_tx_bytes", "egress_rx_bytes", "egress_tx_bytes",
                "internal_rx", "internal_tx", "egress_rx", "egress_tx"));
        return List.copyOf(names);
    }
}
