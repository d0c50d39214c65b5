package io.egressmon.app.cli;

import io.egressmon.report.ReportFormat;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** The flags every report takes after its own (a picocli mixin): the output format ({@code -o}, {@code --output} or {@code --format}, like the API's {@code format=}) and help. Public for {@code egressmon flows}. */
public final class OutputOptions {
    @Option(names = {"-o", "--output", "--format"}, paramLabel = "FORMAT", defaultValue = "text",
            completionCandidates = Completions.OutputFormats.class,
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    String output;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    /** The format asked for, or a usage error of {@code spec}'s command naming the valid ones. */
    public ReportFormat format(CommandSpec spec) {
        return Usage.check(spec, () -> ReportFormat.fromFlag(output));
    }
}
