package io.egressmon.app;

import io.egressmon.config.KafkaSettings;
import io.egressmon.config.Settings;
import io.egressmon.config.SettingsReader;
import io.egressmon.ingest.netflow.CollectorSettings;
import io.egressmon.ingest.netflow.FlowCollector;
import io.egressmon.app.ovs.OvsExportOptions;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * The flow collector alone, for deployments that put collectors near the exporters: it listens on
 * every interface by default (exporters are elsewhere) and writes to an external Kafka.
 */
@Command(name = "collect", mixinStandardHelpOptions = true,
        description = "Receive NetFlow v5/v9, IPFIX and sFlow v5 and write the flows to Kafka "
                + "(external Kafka and registry required; listens on " + CollectorSettings.COLLECT_NETFLOW
                + " and " + CollectorSettings.COLLECT_SFLOW + " unless told otherwise).")
final class CollectCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Mixin
    FlowOptions flows;

    @Mixin
    OvsExportOptions ovs;

    @Override
    public Integer call() throws Exception {
        Settings settings = collectorDefaults(common.settings(flows.addTo(new HashMap<>())));
        SettingsReader r = settings.reader();
        KafkaSettings kafka = KafkaSettings.from(r).requireExternal(r, "the collector");
        CollectorSettings collector = CollectorSettings.from(r);
        HealthEndpoint health = HealthEndpoint.from(r);
        r.check("collect", collector);
        Pipeline pipeline = new Pipeline();
        try {
            FlowCollector running = pipeline.add(FlowCollector.start(kafka, collector));
            pipeline.add(IngestHealthServer.start(null, running, health, ovs.rest()));
            if (!running.addresses().isEmpty()) {
                OvsExportOptions.Export export = ovs.start(RunCommand.exportTarget(running.addresses().get(0)));
                if (export != null) {
                    pipeline.add(export);
                }
            }
        } catch (Exception e) {
            pipeline.close();
            throw e;
        }
        Pipeline.awaitShutdown(pipeline);
        return 0;
    }

    /** The collector role's own defaults: every interface, since exporters send from elsewhere. */
    static Settings collectorDefaults(Settings settings) {
        Map<String, String> defaults = Map.of(CollectorSettings.NETFLOW_LISTEN.name(), CollectorSettings.COLLECT_NETFLOW,
                CollectorSettings.SFLOW_LISTEN.name(), CollectorSettings.COLLECT_SFLOW);
        for (Map.Entry<String, String> d : defaults.entrySet()) {
            if (settings.value(d.getKey()) == null) {
                settings = settings.with(d.getKey(), d.getValue());
            }
        }
        return settings;
    }
}
