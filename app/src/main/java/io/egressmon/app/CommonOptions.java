package io.egressmon.app;

import io.egressmon.config.KafkaSettings;
import io.egressmon.config.Settings;
import io.egressmon.ingest.copilot.CopilotSettings;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * Options shared by the commands that connect to Kafka, the registry and CoPilot. A flag sets the
 * setting of the same meaning (e.g. {@code --bootstrap-servers} sets {@code EGRESSMON_BOOTSTRAP_SERVERS}),
 * so flags, the environment and the {@code --env} file go through one parser ({@link Settings}).
 */
final class CommonOptions {
    @Option(names = "--env", paramLabel = "FILE",
            description = "A .env file naming the CoPilot to poll: COPILOT_URL/USERNAME/PASSWORD or "
                    + "AVIATRIX_COPILOT_IP/AVIATRIX_USERNAME/AVIATRIX_PASSWORD; any other setting too.")
    Path envFile;

    @Option(names = "--bootstrap-servers", description = "External Kafka bootstrap servers (default: embedded broker).")
    String bootstrapServers;

    @Option(names = "--schema-registry-url", description = "External Confluent-API schema registry (default: in-memory).")
    String schemaRegistryUrl;

    @Option(names = "--insecure", description = "Do not verify CoPilot's TLS certificate (logged as a warning).")
    boolean insecure;

    @Option(names = "--ca-file", paramLabel = "PEM", description = "Extra CA certificate(s) to trust for CoPilot.")
    Path caFile;

    /** Flags over the environment over the {@code --env} file; {@code more} are the command's own flags. */
    Settings settings(Map<String, Object> more) {
        Map<String, String> flags = new HashMap<>();
        put(flags, KafkaSettings.BOOTSTRAP_SERVERS.name(), bootstrapServers);
        put(flags, KafkaSettings.SCHEMA_REGISTRY_URL.name(), schemaRegistryUrl);
        put(flags, CopilotSettings.INSECURE.name(), insecure ? "true" : null);
        put(flags, CopilotSettings.CA_FILE.name(), caFile);
        more.forEach((name, value) -> put(flags, name, value));
        return Settings.load(envFile, System.getenv(), flags);
    }

    private static void put(Map<String, String> flags, String name, Object value) {
        if (value != null) {
            flags.put(name, value.toString());
        }
    }
}
