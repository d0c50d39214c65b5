package io.egressmon.app;

import io.egressmon.config.KafkaSettings;
import io.egressmon.config.Settings;
import io.egressmon.copilot.sim.CopilotSimulator;
import io.egressmon.embedded.EmbeddedKafka;
import io.egressmon.embedded.InMemorySchemaRegistry;
import io.egressmon.ingest.copilot.CopilotSettings;
import io.egressmon.ingest.netflow.CollectorSettings;

/**
 * The settings that name parts started in this process — the embedded broker and registry, the
 * CoPilot simulator — added to a launcher's settings exactly as a user would set them, so every
 * role reads them through the one parser.
 */
public final class LocalParts {
    private LocalParts() {
    }

    public static Settings withKafka(Settings settings, EmbeddedKafka kafka, InMemorySchemaRegistry registry) {
        return settings.with(KafkaSettings.BOOTSTRAP_SERVERS.name(), kafka.bootstrapServers())
                .with(KafkaSettings.SCHEMA_REGISTRY_URL.name(), registry.url());
    }

    /**
     * The simulator as the CoPilot, and its spokes' flow exporters mapped to their gateways (unless
     * {@code EGRESSMON_FLOW_EXPORTERS} is given).
     */
    public static Settings withSimulator(Settings settings, CopilotSimulator simulator) {
        Settings s = settings.with(CopilotSettings.URL.name(), simulator.baseUrl())
                .with(CopilotSettings.USERNAME.name(), simulator.config().username())
                .with(CopilotSettings.PASSWORD.name(), simulator.config().password());
        return s.value(CollectorSettings.EXPORTERS.name()) == null
                ? s.with(CollectorSettings.EXPORTERS.name(), simulator.flowExportersSetting()) : s;
    }
}
