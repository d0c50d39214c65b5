package io.egressmon.app;

import io.egressmon.ingest.IngestConfig;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/** Options shared by the commands that connect to Kafka, the registry and CoPilot. */
final class CommonOptions {
    @Option(names = "--env", paramLabel = "FILE",
            description = "A .env file naming the CoPilot to poll: COPILOT_URL/USERNAME/PASSWORD or "
                    + "AVIATRIX_COPILOT_IP/AVIATRIX_USERNAME/AVIATRIX_PASSWORD.")
    Path envFile;

    @Option(names = "--bootstrap-servers", description = "External Kafka bootstrap servers (default: embedded broker).")
    String bootstrapServers;

    @Option(names = "--schema-registry-url", description = "External Confluent-API schema registry (default: in-memory).")
    String schemaRegistryUrl;

    @Option(names = "--insecure", description = "Do not verify CoPilot's TLS certificate (logged as a warning).")
    boolean insecure;

    @Option(names = "--ca-file", paramLabel = "PEM", description = "Extra CA certificate(s) to trust for CoPilot.")
    Path caFile;

    Map<String, String> settings() {
        return Settings.load(envFile);
    }

    String bootstrapServers(Map<String, String> settings) {
        return bootstrapServers != null ? bootstrapServers : blankToNull(settings.get("EGRESSMON_BOOTSTRAP_SERVERS"));
    }

    String schemaRegistryUrl(Map<String, String> settings) {
        return schemaRegistryUrl != null ? schemaRegistryUrl : blankToNull(settings.get("EGRESSMON_SCHEMA_REGISTRY_URL"));
    }

    IngestConfig applyTo(IngestConfig config) {
        IngestConfig result = config;
        if (insecure) {
            result = result.withInsecure(true);
        }
        if (caFile != null) {
            result = result.withCaFile(caFile);
        }
        return result;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
