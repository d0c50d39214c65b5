package io.egressmon.api.flows;

import io.egressmon.api.PythonCsv;
import java.util.ArrayList;
import java.util.List;

/** The flow table as CSV, and as the plain text table of {@code egressmon flows --once}: a wildcard is {@code *}. */
public final class FlowsCsv {
    public static final List<String> COLUMNS = List.of("gateway", "src_addr", "dst_addr", "src_port", "dst_port",
            "protocol", "bytes", "packets", "rate_kbps", "flows", "first_seen", "last_seen");

    private FlowsCsv() {
    }

    public static String write(FlowsAnswer answer) {
        StringBuilder out = new StringBuilder(PythonCsv.row(COLUMNS));
        for (FlowRow r : answer.rows()) {
            out.append(PythonCsv.row(fields(r)));
        }
        return out.toString();
    }

    /** A row's fields as text, in {@link #COLUMNS} order. */
    public static List<String> fields(FlowRow r) {
        List<String> f = new ArrayList<>(COLUMNS.size());
        f.add(cell(r.gateway()));
        f.add(cell(r.srcAddr()));
        f.add(cell(r.dstAddr()));
        f.add(cell(r.srcPort()));
        f.add(cell(r.dstPort()));
        f.add(r.protocol() == null ? "*" : Protocols.name(r.protocol()));
        f.add(Long.toString(r.bytes()));
        f.add(Long.toString(r.packets()));
        f.add(String.format(java.util.Locale.ROOT, "%.3f", r.rateKbps()));
        f.add(Long.toString(r.flows()));
        f.add(r.firstSeen().toString());
        f.add(r.lastSeen().toString());
        return f;
    }

    private static String cell(Object value) {
        return value == null ? "*" : value.toString();
    }
}
