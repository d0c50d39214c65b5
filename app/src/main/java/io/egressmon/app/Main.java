package io.egressmon.app;

import io.egressmon.app.bench.BenchCommand;
import io.egressmon.app.cli.ReportCommand;
import io.egressmon.app.flows.FlowsCommand;
import io.egressmon.app.ovs.OvsCommand;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code egressmon} launcher: the all-in-one default, each role on its own, the report CLI, benchmarks.
 *
 * <p>Its subcommands are added by {@link #commandLine(String...)}, not listed in {@code @Command}: picocli
 * builds the model of every listed subcommand before it parses anything, and for {@code run}, {@code bench}
 * and {@code ovs} that loads their option classes and with them slf4j, Vert.x and Avro — for a
 * {@code report}, which needs none of them, that was the biggest part of its start (docs/benchmarks.md,
 * "Report CLI start"). A command line that names a subcommand gets that one alone; anything else (no
 * arguments, {@code --help}, a mistyped name) gets them all, so help and "did you mean" stay whole.
 */
@Command(name = "egressmon", mixinStandardHelpOptions = true, version = "egressmon 0.1.0",
        description = "Continuous egress monitor for multi-cloud networks (Aviatrix CoPilot → Kafka → Kafka Streams).")
public final class Main implements Runnable {
    /** Every subcommand by the name it is typed as (its {@code @Command(name)}; a test keeps them equal), in help order. */
    static final Map<String, Class<?>> SUBCOMMANDS = subcommands();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        // The reports are UTF-8 ("Internal → Egress"), as the original Python scripts wrote them
        // whatever the locale; Java 17 would print '?' under LANG=C.
        System.exit(execute(args, new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true),
                new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true)));
    }

    /** Runs the command {@code args} name, printing to {@code out} and {@code err}; returns its exit code. */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        if (System.getProperty("org.apache.avro.SERIALIZABLE_PACKAGES") == null) {
            System.setProperty("org.apache.avro.SERIALIZABLE_PACKAGES", "io.egressmon.avro");
        }
        CommandLine cli = commandLine(args);
        cli.setOut(out);
        cli.setErr(err);
        return cli.execute(args);
    }

    /**
     * The command line that parses {@code args}: with only the subcommand that {@code args[0]} names, or
     * with every subcommand when it names none. Without arguments, the whole command line.
     */
    public static CommandLine commandLine(String... args) {
        CommandLine cli = new CommandLine(new Main());
        Class<?> named = args.length > 0 ? SUBCOMMANDS.get(args[0]) : null;
        if (named != null) {
            cli.addSubcommand(named);
        } else {
            SUBCOMMANDS.values().forEach(cli::addSubcommand);
        }
        return cli;
    }

    private static Map<String, Class<?>> subcommands() {
        Map<String, Class<?>> byName = new LinkedHashMap<>();
        byName.put("run", RunCommand.class);
        byName.put("ingest", IngestCommand.class);
        byName.put("collect", CollectCommand.class);
        byName.put("streams", StreamsCommand.class);
        byName.put("simulator", SimulatorCommand.class);
        byName.put("report", ReportCommand.class);
        byName.put("flows", FlowsCommand.class);
        byName.put("ovs", OvsCommand.class);
        byName.put("bench", BenchCommand.class);
        return byName;
    }
}
