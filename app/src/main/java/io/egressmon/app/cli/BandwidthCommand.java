package io.egressmon.app.cli;

import io.egressmon.report.BandwidthQuery;
import io.egressmon.report.BandwidthReport;
import io.egressmon.report.GroupBy;
import io.egressmon.report.ReportFormat;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code report bandwidth}: the seed's {@code spoke_bandwidth_report.py}, reading from
 * {@code GET /api/v1/bandwidth} instead of CoPilot. Flags are the seed's, plus {@code --from/--to} and
 * {@code --url}. Exit codes are {@link ReportCommand}'s.
 */
@Command(name = "bandwidth", sortOptions = false,
        description = {
                "Per-spoke Internal (transit) vs Egress (internet) bandwidth, RX and TX, from interface counters.",
                "Period: --days N (default 30, ending now), --month M --year Y (a calendar month, UTC), "
                        + "or --from ISO --to ISO."})
public final class BandwidthCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    PeriodOptions period;

    @Option(names = "--gateway", paramLabel = "NAME", description = "Only this spoke gateway.")
    String gateway;

    @Option(names = "--group-by", paramLabel = "KEY", completionCandidates = Completions.GroupKeys.class,
            description = "Group spokes by: ${COMPLETION-CANDIDATES}.")
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
        BandwidthQuery query = query();
        ReportFormat format = Usage.check(spec, () -> ReportFormat.fromFlag(output));
        return api.getAndPrint(spec, "/api/v1/bandwidth", query.toQueryString(), body -> {
            BandwidthReport report = BandwidthReport.fromApiJson(body);
            if (query.groupBy() != null && !report.grouped()) {
                // A server that ignored group_by: group here, the sums are the same.
                report = report.groupBy(query.groupBy());
            }
            return format.render(report);
        });
    }

    /** The request the flags describe, or a usage error saying which flags do not fit together. */
    BandwidthQuery query() {
        BandwidthQuery.Period p = period.period(spec);
        GroupBy grouping = groupBy == null ? null : Usage.check(spec, () -> GroupBy.fromKey(groupBy));
        return Usage.check(spec, () -> new BandwidthQuery(p, gateway, grouping));
    }
}
