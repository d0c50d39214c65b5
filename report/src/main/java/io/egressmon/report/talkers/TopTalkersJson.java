package io.egressmon.report.talkers;

import io.egressmon.report.PythonJson;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The top-talkers JSON of docs/design.md, printed as Python's {@code json.dumps(report, indent=2)}:
 *
 * <pre>
 * {"report": "flowiq_top_talkers", "mode": "global", "period_start": "...Z", "period_end": "...Z",
 *  "period_days": N, "copilot_flowiq_url": "...", "destinations": [row...], "sources": [row...]}
 * {"report": "flowiq_top_talkers", "mode": "per_spoke", ...period..., "copilot_flowiq_url": "...",
 *  "gateways": [{"gateway", 7 attributes, "destinations", "sources"}]}
 * row = {"rank", "ip", "bytes", "human_readable", "is_cgnat", "flowiq_filter", "copilot_url"}
 * </pre>
 *
 * The original script's rows held only {@code ip, bytes, is_cgnat, flowiq_filter}; the design contract
 * adds {@code rank}, {@code human_readable} and {@code copilot_url} so a row stands on its own like a CSV
 * row. A grouped per-spoke report adds {@code "group_by"} and {@code "groups"}
 * ({@code [{"name", "spokes", "gateways", "destinations", "sources"}]}) after {@code "gateways"}, as the
 * bandwidth JSON does; an ungrouped one is exactly the contract's.
 */
public final class TopTalkersJson {
    /** The {@code "report"} value. */
    public static final String REPORT = "flowiq_top_talkers";

    private TopTalkersJson() {
    }

    /** The document with a trailing newline. */
    public static String write(TalkersReport report) {
        return PythonJson.dumps(toMap(report)) + "\n";
    }

    /** The document as ordered maps and lists, for callers that embed it. */
    public static Map<String, Object> toMap(TalkersReport report) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("report", REPORT);
        doc.put("mode", report.mode());
        doc.put("period_start", PythonJson.isoformatZ(report.periodStart()));
        doc.put("period_end", PythonJson.isoformatZ(report.periodEnd()));
        doc.put("period_days", report.periodDays());
        String url = report.copilotFlowiqUrl();
        doc.put("copilot_flowiq_url", url);
        if (report instanceof TopTalkersReport global) {
            doc.put("destinations", rows(global.destinations(), url));
            doc.put("sources", rows(global.sources(), url));
        } else if (report instanceof PerSpokeTalkersReport perSpoke) {
            List<Object> gateways = new ArrayList<>();
            for (SpokeTalkers s : perSpoke.gateways()) {
                Map<String, Object> g = s.attributeMap();
                g.put("destinations", rows(s.destinations(), url));
                g.put("sources", rows(s.sources(), url));
                gateways.add(g);
            }
            doc.put("gateways", gateways);
            if (perSpoke.grouped()) {
                doc.put("group_by", perSpoke.groupBy());
                List<Object> groups = new ArrayList<>();
                for (GroupTalkers grp : perSpoke.groups()) {
                    Map<String, Object> g = new LinkedHashMap<>();
                    g.put("name", grp.name());
                    g.put("spokes", grp.spokes());
                    g.put("gateways", grp.gateways());
                    g.put("destinations", rows(grp.destinations(), url));
                    g.put("sources", rows(grp.sources(), url));
                    groups.add(g);
                }
                doc.put("groups", groups);
            }
        }
        return doc;
    }

    private static List<Object> rows(List<RankedTalker> ranking, String url) {
        List<Object> rows = new ArrayList<>();
        for (RankedTalker t : ranking) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("rank", t.rank());
            r.put("ip", t.ip());
            r.put("bytes", t.bytes());
            r.put("human_readable", t.humanReadable());
            r.put("is_cgnat", t.isCgnat());
            r.put("flowiq_filter", t.flowiqFilter());
            r.put("copilot_url", url);
            rows.add(r);
        }
        return rows;
    }
}
