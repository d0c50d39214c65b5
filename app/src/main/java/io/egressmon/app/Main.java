package io.egressmon.app;

import io.egressmon.app.bench.BenchCommand;
import io.egressmon.app.cli.ReportCommand;
import io.egressmon.app.flows.FlowsCommand;
import io.egressmon.app.ovs.OvsCommand;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code egressmon} launcher: the all-in-one default, each role on its own, the report CLI, benchmarks. */
@Command(name = "egressmon", mixinStandardHelpOptions = true, version = "egressmon 0.1.0",
        description = "Continuous egress monitor for multi-cloud networks (Aviatrix CoPilot → Kafka → Kafka Streams).",
        subcommands = {RunCommand.class, IngestCommand.class, CollectCommand.class, StreamsCommand.class, SimulatorCommand.class,
                ReportCommand.class, FlowsCommand.class, OvsCommand.class, BenchCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        if (System.getProperty("org.apache.avro.SERIALIZABLE_PACKAGES") == null) {
            System.setProperty("org.apache.avro.SERIALIZABLE_PACKAGES", "io.egressmon.avro");
        }
        CommandLine cli = new CommandLine(new Main());
        // The reports are UTF-8 ("Internal → Egress"), as the original Python scripts wrote them
        // whatever the locale; Java 17 would print '?' under LANG=C.
        cli.setOut(new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true));
        cli.setErr(new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true));
        System.exit(cli.execute(args));
    }
}
