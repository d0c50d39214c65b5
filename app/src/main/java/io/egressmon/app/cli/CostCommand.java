package io.egressmon.app.cli;

import io.egressmon.api.Endpoints;
import io.egressmon.api.PeriodRequest;
import io.egressmon.api.cost.CostAnswer;
import io.egressmon.api.cost.CostGroupBy;
import io.egressmon.api.cost.CostRequest;
import io.egressmon.report.ReportFormat;
import java.io.PrintWriter;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code report cost}: what the spokes' egress cost, from {@code GET /api/v1/cost}. The bandwidth
 * report's period and API flags, plus {@code --cost-center} and a {@code --group-by} that also takes
 * {@code cost_center}. An incomplete answer is printed marked as such (and warned on stderr), never
 * as final. Exit codes are {@link ReportCommand}'s; an answer grouped otherwise than asked, or for
 * another cost center, is an unexpected answer (1).
 */
@Command(name = "cost", sortOptions = false,
        description = {
                "Egress cost in US dollars per spoke, at its account's price tiers, with month to date and "
                        + "the month-end forecast.",
                "Period: --days N (default 30, ending now), --month M --year Y (a calendar month, UTC), "
                        + "or --from ISO --to ISO."})
public final class CostCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    PeriodOptions period;

    @Option(names = "--gateway", paramLabel = "NAME", description = "Only this spoke gateway.")
    String gateway;

    @Option(names = "--cost-center", paramLabel = "NAME", description = "Only the spokes of this cost center (the budgets file's).")
    String costCenter;

    @Option(names = "--group-by", paramLabel = "KEY", completionCandidates = Completions.CostGroupKeys.class,
            description = "Group spokes by: ${COMPLETION-CANDIDATES}.")
    String groupBy;

    @Mixin
    OutputOptions output;

    @Mixin
    ApiOptions api;

    @Override
    public Integer call() {
        CostRequest request = request();
        ReportFormat format = output.format(spec);
        return api.getAndPrint(spec, Endpoints.COST, request.toQuery(), CostAnswer.class, answer -> {
            if (!Objects.equals(answer.groupBy(), request.groupBy())
                    || !Objects.equals(answer.costCenter(), request.costCenter())) {
                throw new IllegalArgumentException("asked for group_by " + request.groupBy() + " and cost_center "
                        + request.costCenter() + ", got group_by " + answer.groupBy() + " and cost_center " + answer.costCenter());
            }
            String report = format.render(answer);
            PrintWriter err = spec.commandLine().getErr();
            answer.warnings().forEach(err::println);
            err.flush();
            return report;
        });
    }

    /** The request the flags describe, or a usage error saying what is wrong. */
    CostRequest request() {
        PeriodRequest p = period.period(spec);
        CostGroupBy grouping = groupBy == null ? null : Usage.check(spec, () -> CostGroupBy.fromKey(groupBy));
        return Usage.check(spec, () -> new CostRequest(p, gateway, costCenter, grouping));
    }
}
