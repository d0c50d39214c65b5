package io.egressmon.report.talkers;

import io.egressmon.report.PythonCsv;
import java.util.ArrayList;
import java.util.List;

/**
 * The seed's top-talkers CSV (Python's {@code csv.writer}, {@code \r\n} after every row). Global: one
 * row per destination, then per source, as {@code shared/reference/sample-reports/top_talkers_7d.csv}.
 * Per spoke: the 8 gateway attribute columns first, then {@code rank} before {@code direction} (the
 * seed's per-spoke order, which differs from the global one), a spoke's destinations then its sources,
 * spokes in report order. {@code is_cgnat} is Python's {@code True}/{@code False}. Groups are not part
 * of the CSV: it is meant for pivot tables, which group on the attribute columns.
 */
public final class TopTalkersCsv {
    /** The global header. */
    public static final List<String> GLOBAL_COLUMNS = List.of(
            "direction", "rank", "ip", "bytes", "human_readable", "is_cgnat", "flowiq_filter", "copilot_url");

    /** The per-spoke header. */
    public static final List<String> PER_SPOKE_COLUMNS = List.of(
            "gateway", "account_name", "vpc_name", "vpc_id", "vpc_region", "vendor_name", "transit_gw_name",
            "group_name", "rank", "direction", "ip", "bytes", "human_readable", "is_cgnat", "flowiq_filter",
            "copilot_url");

    private TopTalkersCsv() {
    }

    /** The whole CSV document. */
    public static String write(TalkersReport report) {
        StringBuilder out = new StringBuilder();
        String url = report.copilotFlowiqUrl();
        if (report instanceof TopTalkersReport global) {
            out.append(PythonCsv.row(GLOBAL_COLUMNS));
            for (RankedTalker t : global.destinations()) {
                out.append(PythonCsv.row(globalRow("destination", t, url)));
            }
            for (RankedTalker t : global.sources()) {
                out.append(PythonCsv.row(globalRow("source", t, url)));
            }
        } else if (report instanceof PerSpokeTalkersReport perSpoke) {
            out.append(PythonCsv.row(PER_SPOKE_COLUMNS));
            for (SpokeTalkers s : perSpoke.gateways()) {
                for (RankedTalker t : s.destinations()) {
                    out.append(PythonCsv.row(spokeRow(s, "destination", t, url)));
                }
                for (RankedTalker t : s.sources()) {
                    out.append(PythonCsv.row(spokeRow(s, "source", t, url)));
                }
            }
        }
        return out.toString();
    }

    private static List<Object> globalRow(String direction, RankedTalker t, String url) {
        List<Object> row = new ArrayList<>();
        row.add(direction);
        row.add(t.rank());
        tail(row, t, url);
        return row;
    }

    private static List<Object> spokeRow(SpokeTalkers s, String direction, RankedTalker t, String url) {
        List<Object> row = new ArrayList<>(s.attributeValues());
        row.add(t.rank());
        row.add(direction);
        tail(row, t, url);
        return row;
    }

    private static void tail(List<Object> row, RankedTalker t, String url) {
        row.add(t.ip());
        row.add(t.bytes());
        row.add(t.humanReadable());
        row.add(t.isCgnat() ? "True" : "False");
        row.add(t.flowiqFilter());
        row.add(url);
    }
}
