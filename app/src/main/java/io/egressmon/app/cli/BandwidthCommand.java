package io.egressmon.app.cli;

import io.egressmon.api.Endpoints;
import io.egressmon.api.GroupBy;
import io.egressmon.api.PeriodRequest;
import io.egressmon.api.bandwidth.BandwidthAnswer;
import io.egressmon.api.bandwidth.BandwidthRequest;
import io.egressmon.report.ReportFormat;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code report bandwidth}: the original {@code spoke_bandwidth_report.py}, reading from
 * {@code GET /api/v1/bandwidth} instead of CoPilot. Flags are the original's, plus {@code --from/--to}
 * and {@code --url}. Exit codes are {@link ReportCommand}'s.
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

    @Mixin
    OutputOptions output;

    @Mixin
    ApiOptions api;

    @Override
    public Integer call() {
        BandwidthRequest request = request();
        ReportFormat format = output.format(spec);
        return api.getAndPrint(spec, Endpoints.BANDWIDTH, request.toQuery(), BandwidthAnswer.class, answer -> {
            if (answer.groupBy() != request.groupBy()) {
                throw new IllegalArgumentException("asked for group_by " + request.groupBy() + ", got " + answer.groupBy());
            }
            // As the original script: a spoke without metrics is left out and named on stderr.
            PrintWriter err = spec.commandLine().getErr();
            answer.warnings().forEach(err::println);
            err.flush();
            return format.render(answer.withMetricsOnly());
        });
    }

    /** The request the flags describe, or a usage error saying which flags do not fit together. */
    BandwidthRequest request() {
        PeriodRequest p = period.period(spec);
        GroupBy grouping = Usage.groupBy(spec, groupBy);
        return Usage.check(spec, () -> new BandwidthRequest(p, gateway, grouping));
    }
}
