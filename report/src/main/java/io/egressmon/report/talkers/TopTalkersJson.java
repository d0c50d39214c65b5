package io.egressmon.report.talkers;

import io.egressmon.api.ApiJson;
import io.egressmon.api.talkers.GroupTalkers;
import io.egressmon.api.talkers.SpokeTalkers;
import io.egressmon.api.talkers.TalkerRow;
import io.egressmon.api.talkers.TopTalkersAnswer;
import io.egressmon.report.BandwidthJson;
import io.egressmon.report.PythonJson;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The top-talkers JSON printed as Python's {@code json.dumps(report, indent=2)}:
 *
 * <pre>
 * {"report": "flowiq_top_talkers", "mode": "global", "period_start": "...Z", "period_end": "...Z",
 *  "period_days": N, "copilot_flowiq_url": "...", "destinations": [row...], "sources": [row...]}
 * {"report": "flowiq_top_talkers", "mode": "per_spoke", ...period..., "copilot_flowiq_url": "...",
 *  "gateways": [{"gateway", 7 attributes, "destinations", "sources"}]}
 * row = {"rank", "ip", "bytes", "human_readable", "is_cgnat", "flowiq_filter", "copilot_url"}
 * </pre>
 *
 * The original script's rows held only {@code ip, bytes, is_cgnat, flowiq_filter}; we add
 * {@code rank}, {@code human_readable} and {@code copilot_url} so a row stands on its own like a CSV
 * row. A grouped per-spoke report adds {@code "group_by"} and {@code "groups"}
 * ({@code [{"name", "spokes", "gateways", "destinations", "sources"}]}) after {@code "gateways"}, as the
 * bandwidth JSON does; an ungrouped one is exactly the original's. The API's accuracy fields are not
 * part of this document.
 */
public final class TopTalkersJson {
    private TopTalkersJson() {
    }

    /** The document with a trailing newline. */
    public static String write(TopTalkersAnswer answer) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("report", answer.report());
        doc.put("mode", answer.mode());
        doc.put("period_start", ApiJson.instant(answer.periodStart()));
        doc.put("period_end", ApiJson.instant(answer.periodEnd()));
        doc.put("period_days", answer.periodDays());
        doc.put("copilot_flowiq_url", answer.copilotFlowiqUrl());
        if (!answer.perSpoke()) {
            doc.put("destinations", rows(answer.destinations()));
            doc.put("sources", rows(answer.sources()));
        } else {
            List<Object> gateways = new ArrayList<>();
            for (SpokeTalkers s : answer.gateways()) {
                Map<String, Object> g = BandwidthJson.attributes(s.attributes());
                g.put("destinations", rows(s.destinations()));
                g.put("sources", rows(s.sources()));
                gateways.add(g);
            }
            doc.put("gateways", gateways);
            if (answer.grouped()) {
                doc.put("group_by", answer.groupBy().key());
                List<Object> groups = new ArrayList<>();
                for (GroupTalkers grp : answer.groups()) {
                    Map<String, Object> g = new LinkedHashMap<>();
                    g.put("name", grp.name());
                    g.put("spokes", grp.spokes());
                    g.put("gateways", grp.gateways());
                    g.put("destinations", rows(grp.destinations()));
                    g.put("sources", rows(grp.sources()));
                    groups.add(g);
                }
                doc.put("groups", groups);
            }
        }
        return PythonJson.dumps(doc) + "\n";
    }

    private static List<Object> rows(List<TalkerRow> ranking) {
        List<Object> rows = new ArrayList<>();
        for (TalkerRow t : ranking) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("rank", t.rank());
            r.put("ip", t.ip());
            r.put("bytes", t.bytes());
            r.put("human_readable", t.humanReadable());
            r.put("is_cgnat", t.isCgnat());
            r.put("flowiq_filter", t.flowiqFilter());
            r.put("copilot_url", t.copilotUrl());
            rows.add(r);
        }
        return rows;
    }
}
