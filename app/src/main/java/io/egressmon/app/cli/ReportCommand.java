package io.egressmon.app.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code egressmon report ...}: reports printed from a running egressmon's REST API, in the formats of
 * the original Python scripts. It needs nothing from a parent command, so it also runs on its own:
 * {@code new CommandLine(new ReportCommand()).execute(args)}; output goes to the {@code CommandLine}'s
 * {@code getOut()}/{@code getErr()}, which callers (and tests) replace with {@code setOut}/{@code setErr}.
 *
 * <p>Exit codes, the same for every report: {@link #EXIT_OK} printed; {@link #EXIT_BAD_RESPONSE} the
 * server's answer could not be read as the report; {@link #EXIT_USAGE} a usage error or the server
 * refused the request (400, 404, other 4xx); {@link #EXIT_UNAVAILABLE} the server is unreachable, timed
 * out or answered 503/5xx (worth retrying).
 */
@Command(name = "report",
        description = "Print a report from a running egressmon's REST API, in the original scripts' formats.",
        subcommands = {BandwidthCommand.class, TopTalkersCommand.class, CostCommand.class})
public final class ReportCommand implements Callable<Integer> {
    public static final int EXIT_OK = 0;
    public static final int EXIT_BAD_RESPONSE = 1;
    public static final int EXIT_USAGE = 2;
    public static final int EXIT_UNAVAILABLE = 3;

    @Spec
    CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    /** Without a subcommand there is nothing to print: a usage error, so scripts notice. */
    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "Missing required subcommand: bandwidth, top-talkers or cost");
    }
}
