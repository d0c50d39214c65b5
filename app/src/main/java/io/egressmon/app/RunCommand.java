package io.egressmon.app;

import io.egressmon.app.ovs.OvsExportOptions;
import io.egressmon.config.KafkaSettings;
import io.egressmon.config.Settings;
import io.egressmon.config.SettingsReader;
import io.egressmon.copilot.sim.CopilotSimulator;
import io.egressmon.copilot.sim.SimulatorConfig;
import io.egressmon.embedded.EmbeddedKafka;
import io.egressmon.embedded.InMemorySchemaRegistry;
import io.egressmon.ingest.FlowiqSettings;
import io.egressmon.ingest.IngestConfig;
import io.egressmon.ingest.IngestService;
import io.egressmon.ingest.PollSettings;
import io.egressmon.ingest.copilot.CopilotSettings;
import io.egressmon.ingest.netflow.CollectorSettings;
import io.egressmon.ingest.netflow.FlowCollector;
import io.egressmon.schemas.Topics;
import io.egressmon.streams.StreamsApp;
import io.egressmon.streams.StreamsAppConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The embedded default: everything in one process on this machine. Each part is replaced by the
 * real one when configured: {@code --bootstrap-servers}, {@code --schema-registry-url}, and a CoPilot
 * named in {@code --env FILE} or the environment. Every setting is checked before anything starts.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Start the whole pipeline: embedded Kafka (KRaft), in-memory schema registry, the CoPilot "
                + "simulator (unless a real CoPilot is configured), ingest, and the streams app with its REST API.")
final class RunCommand implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(RunCommand.class);
    /**
     * Partitions of the topics a new embedded broker gets, unless {@code EGRESSMON_PARTITIONS} says
     * otherwise. One process on one machine runs one stream thread by default, and every partition
     * is a task per part of the topology with a RocksDB store or more each: with 6, a restart after
     * a kill -9 opened 108 stores and recovered 207 logs; with 3, half as many, and 2 s less of a
     * 15 s restart on two cores (docs/benchmarks.md, "Restart after kill -9"). The topics of a broker
     * that has them keep their count (6 before this default), and the setting follows it.
     */
    static final int EMBEDDED_PARTITIONS = 3;

    @Mixin
    CommonOptions common;

    @Option(names = "--data-dir", description = "Where the embedded broker's log, the registry's journal, the streams "
            + "state and the simulator's clock anchor live (default: data).")
    Path dataDir;

    @Mixin
    HttpOptions http;

    @Mixin
    FlowOptions flows;

    @Option(names = "--fresh", description = "Delete the data directory first (a new backfill follows).")
    boolean fresh;

    @Option(names = "--flows-only", description = "Only the flow collector, the streams app and their embedded broker "
            + "and registry: no CoPilot, no simulator (a flow monitor for one host, e.g. an Open vSwitch node).")
    boolean flowsOnly;

    @Mixin
    OvsExportOptions ovs;

    @Option(names = "--spike", paramLabel = "GATEWAY,FROM,TO,BYTES_PER_SECOND",
            description = "The built-in simulator: " + SimulatorCommand.SPIKE_HELP)
    List<String> spikes = List.of();

    @Override
    public Integer call() throws Exception {
        Map<String, Object> flags = flows.addTo(http.flags());
        flags.put(RunSettings.DATA_DIR.name(), dataDir);
        Settings settings = common.settings(flags);
        Checked checked = check(settings);
        SimulatorConfig simulation = SimulatorCommand.withSpikes(SimulatorConfig.defaults(), spikes); // a bad --spike stops here
        Path data = checked.run().dataDir();
        if (fresh) {
            Pipeline.deleteRecursively(data);
        }
        Files.createDirectories(data);
        Pipeline pipeline = new Pipeline();
        try {
            if (settings.value(KafkaSettings.BOOTSTRAP_SERVERS.name()) == null) {
                EmbeddedKafka kafka = pipeline.add(EmbeddedKafka.start(data.resolve("kafka"), 0, Map.of()));
                settings = settings.with(KafkaSettings.BOOTSTRAP_SERVERS.name(), kafka.bootstrapServers());
                settings = withEmbeddedPartitions(settings, kafka.partitionsOf(Topics.COUNTER_SNAPSHOTS.name()));
                log.info("embedded Kafka broker (KRaft) on {}", kafka.bootstrapServers());
            }
            if (settings.value(KafkaSettings.SCHEMA_REGISTRY_URL.name()) == null) {
                InMemorySchemaRegistry registry = pipeline.add(
                        InMemorySchemaRegistry.start("127.0.0.1", 0, data.resolve("schemas.json")));
                settings = settings.with(KafkaSettings.SCHEMA_REGISTRY_URL.name(), registry.url());
                log.info("in-memory schema registry on {}", registry.url());
            }
            CopilotSimulator simulator = null;
            if (!settings.namesCopilot() && !flowsOnly) {
                simulator = pipeline.add(CopilotSimulator.start(simulation.withAnchor(Pipeline.simulatorAnchor(data))));
                settings = LocalParts.withSimulator(settings, simulator);
                log.info("no CoPilot configured (--env FILE or COPILOT_URL): using the built-in simulator on {}",
                        simulator.baseUrl());
            }
            if (settings.value(StreamsAppConfig.STATE_DIR.name()) == null) {
                settings = settings.with(StreamsAppConfig.STATE_DIR.name(), data.resolve("streams").toString());
            }
            KafkaSettings kafkaSettings = KafkaSettings.from(settings.reader());
            StreamsAppConfig streamsConfig = StreamsAppConfig.from(settings);
            // The streams app first, so that it has joined its group before the backfill floods it (and
            // before a broker outage can fall into its first rebalance) — unless a budgets file makes it
            // wait for the inventory, which the ingest writes: then the ingest first.
            boolean ingestFirst = streamsConfig.budgets().file() != null;
            StreamsApp streams = ingestFirst ? null : pipeline.add(StreamsApp.start(streamsConfig));
            IngestService ingest = null;
            if (!flowsOnly) {
                IngestConfig ingestConfig = IngestConfig.from(settings);
                ingest = pipeline.add(IngestService.start(ingestConfig));
                log.info("history: a first start backfills {}; a later one goes on from the watermarks it committed"
                        + " (the ingest's \"ingest ready\" line says from when)", ingestConfig.poll().backfill());
            }
            if (ingestFirst) {
                streams = pipeline.add(StreamsApp.start(streamsConfig));
            }
            CollectorSettings flows = CollectorSettings.from(settings.reader()); // with the simulator's exporters
            FlowCollector collector = flows.enabled() ? pipeline.add(FlowCollector.start(kafkaSettings, flows)) : null;
            if (simulator != null && collector != null && !flows.netflow().isEmpty()) {
                simulator.startFlowExport(exportTarget(collector.addresses().get(0)));
                log.info("the simulator's spokes export NetFlow v9 and IPFIX to {}", collector.addresses().get(0));
            }
            pipeline.add(IngestHealthServer.start(ingest, collector, checked.health(), ovs.rest()));
            if (collector != null && !collector.addresses().isEmpty()) {
                OvsExportOptions.Export export = ovs.start(exportTarget(collector.addresses().get(0)));
                if (export != null) {
                    pipeline.add(export);
                }
            }
            log.info(flowsOnly ? "egressmon is up. Try: curl '{}/api/v1/flows'  or  egressmon flows --url {}"
                    : "egressmon is up. Try: curl '{}/api/v1/bandwidth?days=30'  or  egressmon flows --url {}",
                    streams.url(), streams.url());
        } catch (Exception e) {
            pipeline.close();
            throw e;
        }
        Pipeline.awaitShutdown(pipeline);
        return 0;
    }

    /**
     * The partition count for the topics of the embedded broker, unless {@code EGRESSMON_PARTITIONS}
     * is set: the one its topics have ({@code existing}), or {@link #EMBEDDED_PARTITIONS} for a new
     * broker.
     */
    static Settings withEmbeddedPartitions(Settings settings, OptionalInt existing) {
        if (settings.value(KafkaSettings.PARTITIONS.name()) != null) {
            return settings;
        }
        return settings.with(KafkaSettings.PARTITIONS.name(), Integer.toString(existing.orElse(EMBEDDED_PARTITIONS)));
    }

    /**
     * Every setting of every part, checked before anything starts: Kafka, the registry and CoPilot
     * may be missing (the embedded ones and the simulator stand in), nothing else may be wrong.
     */
    static Checked check(Settings settings) {
        SettingsReader r = settings.reader();
        Checked checked = new Checked(RunSettings.from(r), HealthEndpoint.from(r), CollectorSettings.from(r));
        PollSettings.from(r);
        FlowiqSettings.from(r);
        if (settings.namesCopilot()) {
            CopilotSettings.from(r);
        }
        StreamsAppConfig.read(r);
        return r.check("run", checked);
    }

    /** Where a local exporter reaches a socket bound to {@code bound}: loopback when it listens on every address. */
    static java.net.InetSocketAddress exportTarget(java.net.InetSocketAddress bound) {
        return bound.getAddress().isAnyLocalAddress()
                ? new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), bound.getPort()) : bound;
    }

    /** The settings {@code run} itself uses; the components read theirs once the embedded parts are up. */
    record Checked(RunSettings run, HealthEndpoint health, CollectorSettings flows) {
    }
}
