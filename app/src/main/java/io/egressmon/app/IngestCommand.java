package io.egressmon.app;

import io.egressmon.ingest.IngestConfig;
import io.egressmon.ingest.IngestService;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** The ingest role alone, against an external Kafka, registry and CoPilot (docker-compose uses this). */
@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = "Poll CoPilot and write inventory and counter snapshots to Kafka (external Kafka and registry required).")
final class IngestCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws Exception {
        Map<String, String> settings = common.settings();
        IngestConfig config = common.applyTo(IngestConfig.fromEnv(settings));
        String bootstrap = common.bootstrapServers(settings);
        String registry = common.schemaRegistryUrl(settings);
        if (bootstrap == null || registry == null || !Settings.namesCopilot(settings)) {
            throw new IllegalArgumentException("ingest needs --bootstrap-servers (or EGRESSMON_BOOTSTRAP_SERVERS), "
                    + "--schema-registry-url (or EGRESSMON_SCHEMA_REGISTRY_URL) and a CoPilot (COPILOT_URL or --env FILE); "
                    + "use `egressmon run` for the all-in-one default");
        }
        Pipeline pipeline = new Pipeline();
        try {
            IngestService service = pipeline.add(IngestService.start(
                    config.withBootstrapServers(bootstrap).withSchemaRegistryUrl(registry)));
            pipeline.add(IngestHealthServer.start(service, settings));
        } catch (RuntimeException e) {
            pipeline.close();
            throw e;
        }
        awaitShutdown(pipeline);
        return 0;
    }

    static void awaitShutdown(AutoCloseable running) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                running.close();
            } catch (Exception e) {
                System.err.println("error while stopping: " + e);
            }
            stopped.countDown();
        }, "egressmon-shutdown"));
        stopped.await();
    }
}
