package io.egressmon.app.cli;

import io.egressmon.report.GroupBy;
import io.egressmon.report.ReportFormat;
import io.egressmon.report.talkers.PerSpokeTalkersReport;
import io.egressmon.report.talkers.TalkersReport;
import io.egressmon.report.talkers.TopTalkersQuery;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code report top-talkers}: the seed's {@code flowiq_top_talkers.py}, reading from
 * {@code GET /api/v1/top-talkers} instead of CoPilot. Flags are the seed's ({@code --days}, {@code --top},
 * {@code --gateway}, {@code --per-spoke}, {@code --group-by}, {@code --output}) plus the bandwidth
 * report's {@code --month/--year}, {@code --from/--to}, {@code --url} and {@code --timeout}.
 * {@code --group-by} groups per-spoke results, so it turns {@code --per-spoke} on, as the seed's script
 * did. Exit codes are {@link ReportCommand}'s; an answer in the other mode than asked (a global ranking
 * for {@code --per-spoke}) or with more rows than {@code --top} is an unexpected answer (1).
 */
@Command(name = "top-talkers", sortOptions = false,
        description = {
                "Top external destinations and internal sources by bytes, from FlowIQ flow records.",
                "Period: --days N (default 30, ending now), --month M --year Y (a calendar month, UTC), "
                        + "or --from ISO --to ISO."})
public final class TopTalkersCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    PeriodOptions period;

    @Option(names = "--top", paramLabel = "N", defaultValue = "" + TopTalkersQuery.DEFAULT_TOP,
            description = "Rows per ranking (default: ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--gateway", paramLabel = "NAME", description = "Only this spoke gateway.")
    String gateway;

    @Option(names = "--per-spoke", description = "A ranking per spoke gateway instead of one for all.")
    boolean perSpoke;

    @Option(names = "--group-by", paramLabel = "KEY", completionCandidates = Completions.GroupKeys.class,
            description = "Group the per-spoke rankings by: ${COMPLETION-CANDIDATES} (implies --per-spoke).")
    String groupBy;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text",
            completionCandidates = Completions.OutputFormats.class,
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    String output;

    @Mixin
    ApiOptions api;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Override
    public Integer call() {
        TopTalkersQuery query = query();
        ReportFormat format = Usage.check(spec, () -> ReportFormat.fromFlag(output));
        return api.getAndPrint(spec, "/api/v1/top-talkers", query.toQueryString(), body -> render(query, format, body));
    }

    /** The request the flags describe, or a usage error saying what is wrong. */
    TopTalkersQuery query() {
        var p = period.period(spec);
        GroupBy grouping = groupBy == null ? null : Usage.check(spec, () -> GroupBy.fromKey(groupBy));
        return Usage.check(spec, () -> new TopTalkersQuery(p, top, gateway, perSpoke || grouping != null, grouping));
    }

    private static String render(TopTalkersQuery query, ReportFormat format, String body) {
        // The body does not say what top was asked; the rankings must fit in it, and groups are cut to it.
        TalkersReport report = TalkersReport.fromApiJson(body).withTop(query.top());
        String expected = query.perSpoke() ? TalkersReport.PER_SPOKE : TalkersReport.GLOBAL;
        if (!expected.equals(report.mode())) {
            throw new IllegalArgumentException("asked for mode '" + expected + "', got '" + report.mode() + "'");
        }
        if (query.groupBy() != null && report instanceof PerSpokeTalkersReport perSpokeReport && !perSpokeReport.grouped()) {
            // A server that ignored group_by: group here from the spokes' rankings.
            report = perSpokeReport.groupBy(query.groupBy());
        }
        return report.render(format);
    }
}
