package io.egressmon.api.talkers;

import io.egressmon.api.GatewayAttributes;
import io.egressmon.api.PythonCsv;
import java.util.ArrayList;
import java.util.List;

/**
 * The top-talkers answer as the original script's CSV. Global: one row per destination, then per
 * source. Per spoke: the 8 gateway attribute columns first, then {@code rank} before
 * {@code direction} (the original's per-spoke order, which differs from the global one), a spoke's
 * destinations then its sources. {@code is_cgnat} is Python's {@code True}/{@code False}. Groups are
 * not part of the CSV: it is meant for pivot tables, which group on the attribute columns.
 */
public final class TopTalkersCsv {
    /** The global header. */
    public static final List<String> GLOBAL_COLUMNS = List.of(
            "direction", "rank", "ip", "bytes", "human_readable", "is_cgnat", "flowiq_filter", "copilot_url");

    /** The per-spoke header. */
    public static final List<String> PER_SPOKE_COLUMNS = perSpokeColumns();

    private TopTalkersCsv() {
    }

    /** The whole CSV document. */
    public static String write(TopTalkersAnswer answer) {
        StringBuilder out = new StringBuilder();
        if (!answer.perSpoke()) {
            out.append(PythonCsv.row(GLOBAL_COLUMNS));
            for (TalkerRow t : answer.destinations()) {
                out.append(PythonCsv.row(globalRow("destination", t)));
            }
            for (TalkerRow t : answer.sources()) {
                out.append(PythonCsv.row(globalRow("source", t)));
            }
        } else {
            out.append(PythonCsv.row(PER_SPOKE_COLUMNS));
            for (SpokeTalkers s : answer.gateways()) {
                for (TalkerRow t : s.destinations()) {
                    out.append(PythonCsv.row(spokeRow(s, "destination", t)));
                }
                for (TalkerRow t : s.sources()) {
                    out.append(PythonCsv.row(spokeRow(s, "source", t)));
                }
            }
        }
        return out.toString();
    }

    private static List<Object> globalRow(String direction, TalkerRow t) {
        List<Object> row = new ArrayList<>();
        row.add(direction);
        row.add(t.rank());
        tail(row, t);
        return row;
    }

    private static List<Object> spokeRow(SpokeTalkers s, String direction, TalkerRow t) {
        List<Object> row = new ArrayList<>(s.attributes().values());
        row.add(t.rank());
        row.add(direction);
        tail(row, t);
        return row;
    }

    private static void tail(List<Object> row, TalkerRow t) {
        row.add(t.ip());
        row.add(t.bytes());
        row.add(t.humanReadable());
        row.add(t.isCgnat() ? "True" : "False");
        row.add(t.flowiqFilter());
        row.add(t.copilotUrl());
    }

    private static List<String> perSpokeColumns() {
        List<String> names = new ArrayList<>(GatewayAttributes.NAMES);
        names.addAll(List.of("rank", "direction", "ip", "bytes", "human_readable", "is_cgnat", "flowiq_filter",
                "copilot_url"));
        return List.copyOf(names);
    }
}
