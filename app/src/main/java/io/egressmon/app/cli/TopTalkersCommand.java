package io.egressmon.app.cli;

import io.egressmon.api.Endpoints;
import io.egressmon.api.GroupBy;
import io.egressmon.api.PeriodRequest;
import io.egressmon.api.talkers.TalkerSource;
import io.egressmon.api.talkers.TopTalkersAnswer;
import io.egressmon.api.talkers.TopTalkersRequest;
import io.egressmon.report.ReportFormat;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code report top-talkers}: the original {@code flowiq_top_talkers.py}, reading from
 * {@code GET /api/v1/top-talkers} instead of CoPilot. Flags are the original's ({@code --days}, {@code --top},
 * {@code --gateway}, {@code --per-spoke}, {@code --group-by}, {@code --output}) plus the bandwidth
 * report's {@code --month/--year}, {@code --from/--to}, {@code --url} and {@code --timeout}.
 * {@code --group-by} groups per-spoke results, so it turns {@code --per-spoke} on, as the original script
 * did. Exit codes are {@link ReportCommand}'s; an answer in the other mode than asked (a global ranking
 * for {@code --per-spoke}) or with more rows than {@code --top} is an unexpected answer (1).
 */
@Command(name = "top-talkers", sortOptions = false,
        description = {
                "Top external destinations and internal sources by bytes, from FlowIQ flow records "
                        + "(or, with --source netflow, from the flows egressmon collected).",
                "Period: --days N (default 30, ending now), --month M --year Y (a calendar month, UTC), "
                        + "or --from ISO --to ISO."})
public final class TopTalkersCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    PeriodOptions period;

    @Option(names = "--top", paramLabel = "N", defaultValue = "" + TopTalkersRequest.DEFAULT_TOP,
            description = "Rows per ranking (default: ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--gateway", paramLabel = "NAME", description = "Only this spoke gateway.")
    String gateway;

    @Option(names = "--per-spoke", description = "A ranking per spoke gateway instead of one for all.")
    boolean perSpoke;

    @Option(names = "--group-by", paramLabel = "KEY", completionCandidates = Completions.GroupKeys.class,
            description = "Group the per-spoke rankings by: ${COMPLETION-CANDIDATES} (implies --per-spoke).")
    String groupBy;

    @Option(names = "--source", paramLabel = "SOURCE", defaultValue = "flowiq",
            description = "Where the talkers come from: flowiq (CoPilot's FlowIQ, hourly; default) or netflow "
                    + "(the flows egressmon's collector received, to the minute).")
    String source;

    @Mixin
    OutputOptions output;

    @Mixin
    ApiOptions api;

    @Override
    public Integer call() {
        TopTalkersRequest request = request();
        ReportFormat format = output.format(spec);
        return api.getAndPrint(spec, Endpoints.TOP_TALKERS, request.toQuery(), TopTalkersAnswer.class,
                answer -> {
                    String report = render(request, format, answer);
                    PrintWriter err = spec.commandLine().getErr();
                    answer.warnings().forEach(err::println);
                    err.flush();
                    return report;
                });
    }

    /** The request the flags describe, or a usage error saying what is wrong. */
    TopTalkersRequest request() {
        PeriodRequest p = period.period(spec);
        GroupBy grouping = Usage.groupBy(spec, groupBy);
        return Usage.check(spec, () -> new TopTalkersRequest(p, top, gateway, perSpoke || grouping != null, grouping,
                TalkerSource.fromKey(source)));
    }

    /** The answer must be the one asked for: its mode, rows per ranking and grouping. */
    private static String render(TopTalkersRequest request, ReportFormat format, TopTalkersAnswer answer) {
        if (answer.perSpoke() != request.perSpoke()) {
            throw new IllegalArgumentException("asked for mode '" + (request.perSpoke() ? TopTalkersAnswer.PER_SPOKE
                    : TopTalkersAnswer.GLOBAL) + "', got '" + answer.mode() + "'");
        }
        if (answer.top() != request.top() || answer.groupBy() != request.groupBy()) {
            throw new IllegalArgumentException("asked for top=" + request.top() + " and group_by " + request.groupBy()
                    + ", got top=" + answer.top() + " and group_by " + answer.groupBy());
        }
        return format.render(answer);
    }
}
