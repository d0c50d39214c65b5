package io.egressmon.app;

import io.egressmon.copilot.sim.CopilotSimulator;
import io.egressmon.copilot.sim.SimulatorConfig;
import io.egressmon.embedded.EmbeddedKafka;
import io.egressmon.embedded.InMemorySchemaRegistry;
import io.egressmon.ingest.IngestConfig;
import io.egressmon.ingest.IngestService;
import io.egressmon.streams.StreamsApp;
import io.egressmon.streams.StreamsAppConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The embedded default: everything in one process on this machine. Each part is replaced by the
 * real one when configured: {@code --bootstrap-servers}, {@code --schema-registry-url}, and a CoPilot
 * named in {@code --env FILE} or the environment.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Start the whole pipeline: embedded Kafka (KRaft), in-memory schema registry, the CoPilot "
                + "simulator (unless a real CoPilot is configured), ingest, and the streams app with its REST API.")
final class RunCommand implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(RunCommand.class);

    @Mixin
    CommonOptions common;

    @Option(names = "--data-dir", defaultValue = "data",
            description = "Where the embedded broker and the streams state live (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--http-host", description = "Address the REST API binds to (default 127.0.0.1).")
    String httpHost;

    @Option(names = "--http-port", description = "REST API port (default 8080).")
    Integer httpPort;

    @Option(names = "--fresh", description = "Delete the data directory first (a new backfill follows).")
    boolean fresh;

    private final CountDownLatch stopped = new CountDownLatch(1);

    @Override
    public Integer call() throws Exception {
        Map<String, String> settings = common.settings();
        if (fresh) {
            Pipeline.deleteRecursively(dataDir);
        }
        Files.createDirectories(dataDir);
        Pipeline pipeline = new Pipeline();
        try {
            String bootstrap = common.bootstrapServers(settings);
            if (bootstrap == null) {
                EmbeddedKafka kafka = pipeline.add(EmbeddedKafka.start(dataDir.resolve("kafka"), 0, Map.of()));
                bootstrap = kafka.bootstrapServers();
                log.info("embedded Kafka broker (KRaft) on {}", bootstrap);
            }
            String registryUrl = common.schemaRegistryUrl(settings);
            if (registryUrl == null) {
                InMemorySchemaRegistry registry = pipeline.add(
                        InMemorySchemaRegistry.start("127.0.0.1", 0, dataDir.resolve("schemas.json")));
                registryUrl = registry.url();
                log.info("in-memory schema registry on {}", registryUrl);
            }
            if (!Settings.namesCopilot(settings)) {
                CopilotSimulator simulator = pipeline.add(CopilotSimulator.start(
                        SimulatorConfig.defaults().withAnchor(Pipeline.simulatorAnchor(dataDir))));
                settings.put("COPILOT_URL", simulator.baseUrl());
                settings.put("USERNAME", simulator.config().username());
                settings.put("PASSWORD", simulator.config().password());
                log.info("no CoPilot configured (--env FILE or COPILOT_URL): using the built-in simulator on {}",
                        simulator.baseUrl());
            }
            StreamsAppConfig streamsConfig = StreamsAppConfig.fromEnv(settings)
                    .withBootstrapServers(bootstrap)
                    .withSchemaRegistryUrl(registryUrl)
                    .withStateDir(dataDir.resolve("streams"));
            if (httpHost != null) {
                streamsConfig = streamsConfig.withHttpHost(httpHost);
            }
            if (httpPort != null) {
                streamsConfig = streamsConfig.withHttpPort(httpPort);
            }
            StreamsApp streams = pipeline.add(StreamsApp.start(streamsConfig));
            IngestConfig ingestConfig = common.applyTo(IngestConfig.fromEnv(settings))
                    .withBootstrapServers(bootstrap)
                    .withSchemaRegistryUrl(registryUrl);
            IngestService ingest = pipeline.add(IngestService.start(ingestConfig));
            pipeline.add(IngestHealthServer.start(ingest, settings));

            log.info("egressmon is up. Try: curl '{}/api/v1/bandwidth?days=30'  (the first start backfills {} of history)",
                    streams.url(), ingestConfig.backfill());
        } catch (Exception e) {
            pipeline.close();
            throw e;
        }
        // Closing in the hook (not after await) so Ctrl-C waits for a clean stop: ingest aborts its
        // open transaction, Kafka Streams commits, the broker flushes.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("stopping");
            pipeline.close();
            stopped.countDown();
        }, "egressmon-shutdown"));
        stopped.await();
        return 0;
    }
}
