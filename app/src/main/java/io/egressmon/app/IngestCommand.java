package io.egressmon.app;

import io.egressmon.config.SettingsReader;
import io.egressmon.ingest.IngestConfig;
import io.egressmon.ingest.IngestService;
import java.util.Map;
import java.util.concurrent.Callable;
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
        SettingsReader r = common.settings(Map.of()).reader();
        IngestConfig config = IngestConfig.read(r);
        HealthEndpoint health = HealthEndpoint.from(r);
        r.check("ingest", config);
        Pipeline pipeline = new Pipeline();
        try {
            IngestService service = pipeline.add(IngestService.start(config));
            pipeline.add(IngestHealthServer.start(service, health));
        } catch (RuntimeException e) {
            pipeline.close();
            throw e;
        }
        Pipeline.awaitShutdown(pipeline);
        return 0;
    }
}
