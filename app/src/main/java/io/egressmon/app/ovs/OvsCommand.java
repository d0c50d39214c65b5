package io.egressmon.app.ovs;

import io.egressmon.app.cli.ReportCommand;
import io.egressmon.ingest.ovsdb.BridgeIpfix;
import io.egressmon.ingest.ovsdb.IpfixControl;
import io.egressmon.ingest.ovsdb.IpfixSettings;
import io.egressmon.ingest.ovsdb.OvsdbAddress;
import io.egressmon.ingest.ovsdb.OvsdbClient;
import io.egressmon.ingest.ovsdb.OvsdbException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code egressmon ovs}: Open vSwitch's IPFIX exporter, over OVSDB (RFC 7047) — list the bridges and
 * their exporters, start one pointed at a collector, reconfigure it, stop it. Exit codes are
 * {@link ReportCommand}'s: 3 when OVSDB cannot be reached, 2 when it refuses (no such bridge, a value out
 * of range).
 */
@Command(name = "ovs", sortOptions = false, mixinStandardHelpOptions = true,
        description = "Open vSwitch's IPFIX exporter over OVSDB: list bridges, start, reconfigure, stop.",
        subcommands = {OvsCommand.Bridges.class, OvsCommand.Start.class, OvsCommand.Reconfigure.class, OvsCommand.Stop.class})
public final class OvsCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code --ovsdb} and {@code --timeout}, and one session with them. */
    static final class Connection {
        static final String DEFAULT = "unix:/var/run/openvswitch/db.sock";

        @Option(names = "--ovsdb", paramLabel = "ADDRESS", defaultValue = DEFAULT,
                description = {"OVSDB to talk to: unix:PATH or tcp:HOST:PORT,", "default ${DEFAULT-VALUE}."})
        String ovsdb;

        @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "10",
                description = "Give up on OVSDB, or on ovs-vswitchd applying a change, after this long (default ${DEFAULT-VALUE}).")
        int timeoutSeconds;

        interface Work {
            void run(IpfixControl control, PrintWriter out) throws OvsdbException;
        }

        /** Connects, runs {@code work}, and turns failures into a message on stderr and an exit code. */
        int run(CommandSpec spec, Work work) {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            OvsdbAddress address;
            try {
                address = OvsdbAddress.parse(ovsdb);
            } catch (IllegalArgumentException e) {
                err.println("egressmon ovs: --ovsdb: " + e.getMessage());
                return ReportCommand.EXIT_USAGE;
            }
            Duration timeout = Duration.ofSeconds(Math.max(1, timeoutSeconds));
            OvsdbClient client;
            try {
                client = OvsdbClient.connect(address, timeout);
            } catch (OvsdbException e) {
                err.println("egressmon ovs: cannot reach OVSDB at " + address + ": " + e.getMessage());
                return ReportCommand.EXIT_UNAVAILABLE;
            }
            try (client) {
                work.run(new IpfixControl(client, timeout), out);
                out.flush();
                return ReportCommand.EXIT_OK;
            } catch (OvsdbException e) {
                err.println("egressmon ovs: " + e.getMessage());
                return ReportCommand.EXIT_USAGE;
            } catch (IllegalArgumentException | IllegalStateException e) {
                err.println("egressmon ovs: " + e.getMessage());
                return ReportCommand.EXIT_USAGE;
            }
        }
    }

    /** What an exporter is told: the collector to send to and how. */
    static final class Exporter {
        @Option(names = "--bridge", paramLabel = "NAME", required = true, description = "The bridge, e.g. br0.")
        String bridge;

        @Option(names = "--target", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:2055", split = ",",
                description = {"Collectors to export to (egressmon's NetFlow/IPFIX socket),", "default ${DEFAULT-VALUE}."})
        List<String> targets;

        @Option(names = "--sampling", paramLabel = "N", defaultValue = "1",
                description = "Export 1 packet in N (default ${DEFAULT-VALUE}: every packet).")
        long sampling;

        @Option(names = "--obs-domain", paramLabel = "ID", defaultValue = "0",
                description = "IPFIX observation domain id (default ${DEFAULT-VALUE}).")
        long obsDomain;

        @Option(names = "--cache-active-timeout", paramLabel = "SECONDS",
                defaultValue = "" + IpfixSettings.DEFAULT_CACHE_ACTIVE_TIMEOUT,
                description = "Seconds a flow is aggregated before export; 0 = every packet its own record (default ${DEFAULT-VALUE}).")
        long cacheActiveTimeout;

        @Option(names = "--cache-max-flows", paramLabel = "N", defaultValue = "" + IpfixSettings.DEFAULT_CACHE_MAX_FLOWS,
                description = "Flow records OvS caches; 0 = no cache (default ${DEFAULT-VALUE}).")
        long cacheMaxFlows;

        IpfixSettings settings() {
            return IpfixSettings.of(targets, sampling, obsDomain, cacheActiveTimeout, cacheMaxFlows);
        }
    }

    @Command(name = "bridges", description = "List the bridges and their IPFIX exporters.")
    static final class Bridges implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        Connection connection;

        @Override
        public Integer call() {
            return connection.run(spec, (control, out) -> {
                for (BridgeIpfix b : control.bridges()) {
                    out.println(b.bridge() + "\t" + b.ipfix().map(OvsCommand::describe).orElse("no IPFIX exporter"));
                }
            });
        }
    }

    /** Start and reconfigure: the same options, one OVSDB call apart. */
    abstract static class Apply implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        Connection connection;
        @Mixin
        Exporter exporter;

        abstract void apply(IpfixControl control, String bridge, IpfixSettings settings) throws OvsdbException;

        abstract String done();

        @Override
        public Integer call() {
            return connection.run(spec, (control, out) -> {
                IpfixSettings settings = exporter.settings();
                apply(control, exporter.bridge, settings);
                out.println(exporter.bridge + "\t" + done() + ": " + describe(settings));
            });
        }
    }

    @Command(name = "start", description = "Start the bridge's IPFIX exporter (replacing one it has).")
    static final class Start extends Apply {
        @Override
        void apply(IpfixControl control, String bridge, IpfixSettings settings) throws OvsdbException {
            control.start(bridge, settings);
        }

        @Override
        String done() {
            return "started";
        }
    }

    @Command(name = "reconfigure", description = "Give the bridge's IPFIX exporter new settings (OvS resends its templates).")
    static final class Reconfigure extends Apply {
        @Override
        void apply(IpfixControl control, String bridge, IpfixSettings settings) throws OvsdbException {
            control.reconfigure(bridge, settings);
        }

        @Override
        String done() {
            return "reconfigured";
        }
    }

    @Command(name = "stop", description = "Stop the bridge's IPFIX exporter.")
    static final class Stop implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        Connection connection;

        @Option(names = "--bridge", paramLabel = "NAME", required = true, description = "The bridge, e.g. br0.")
        String bridge;

        @Override
        public Integer call() {
            return connection.run(spec, (control, out) -> {
                control.stop(bridge);
                out.println(bridge + "\tstopped");
            });
        }
    }

    /** One line: where it exports and how. */
    static String describe(IpfixSettings s) {
        return "IPFIX to " + String.join(",", s.targets()) + ", sampling 1/" + s.sampling() + ", obs domain "
                + s.obsDomainId() + (s.obsPointId().isPresent() ? ", obs point " + s.obsPointId().getAsLong() : "")
                + ", cache " + s.cacheActiveTimeout() + " s / " + s.cacheMaxFlows() + " flows";
    }
}
