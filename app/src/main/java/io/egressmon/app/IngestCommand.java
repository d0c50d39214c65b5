package io.egressmon.app;

import io.egressmon.config.SettingsReader;
import io.egressmon.ingest.IngestConfig;
import io.egressmon.ingest.IngestService;
import io.egressmon.ingest.netflow.CollectorSettings;
import io.egressmon.ingest.netflow.FlowCollector;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * The ingest role alone, against an external Kafka, registry and CoPilot (docker-compose uses this).
 * The flow collector runs in it only when {@code EGRESSMON_FLOW_ENABLED=true} is given: a deployment
 * usually runs {@code collect} near its exporters instead.
 */
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
        CollectorSettings flows = CollectorSettings.from(r);
        r.check("ingest", config);
        Pipeline pipeline = new Pipeline();
        try {
            IngestService service = pipeline.add(IngestService.start(config));
            FlowCollector collector = r.given(CollectorSettings.ENABLED) && flows.enabled()
                    ? pipeline.add(FlowCollector.start(config.kafka(), flows)) : null;
            pipeline.add(IngestHealthServer.start(service, collector, health));
        } catch (Exception e) {
            pipeline.close();
            throw e;
        }
        Pipeline.awaitShutdown(pipeline);
        return 0;
    }
}
