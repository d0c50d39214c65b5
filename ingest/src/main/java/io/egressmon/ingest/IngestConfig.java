package io.egressmon.ingest;

import io.egressmon.config.KafkaSettings;
import io.egressmon.config.Settings;
import io.egressmon.config.SettingsReader;
import io.egressmon.ingest.copilot.CopilotSettings;

/**
 * Everything the ingest needs, composed of its components' typed settings, read by the one parser
 * of {@code io.egressmon.config} and checked at once ({@link #from}): every problem is reported
 * together, each naming the setting that fixes it.
 */
public record IngestConfig(KafkaSettings kafka, CopilotSettings copilot, PollSettings poll, FlowiqSettings flowiq) {

    /**
     * The ingest's configuration from {@code settings}: a CoPilot, Kafka and the registry must be given.
     *
     * @throws io.egressmon.config.ConfigException listing every problem
     */
    public static IngestConfig from(Settings settings) {
        SettingsReader r = settings.reader();
        return r.check("ingest", read(r));
    }

    /**
     * Reads the ingest's components, leaving every problem in {@code r} (for a role that reads more);
     * null when no CoPilot is named (a problem then says so).
     */
    public static IngestConfig read(SettingsReader r) {
        KafkaSettings kafka = KafkaSettings.from(r).requireExternal(r, "the ingest");
        CopilotSettings copilot = CopilotSettings.from(r);
        PollSettings poll = PollSettings.from(r);
        FlowiqSettings flowiq = FlowiqSettings.from(r);
        return copilot == null ? null : new IngestConfig(kafka, copilot, poll, flowiq);
    }

    /** The Kafka transactional id of the FlowIQ producer: the counters' one + {@code -flowiq}. */
    public String flowiqTransactionalId() {
        return poll.transactionalId() + "-flowiq";
    }
}
