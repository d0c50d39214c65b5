package io.egressmon.app;

import io.egressmon.streams.StreamsApp;
import io.egressmon.streams.StreamsAppConfig;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** One streams-app instance with its REST API; run several with the same application id to share the work. */
@Command(name = "streams", mixinStandardHelpOptions = true,
        description = "Run one Kafka Streams instance and its REST API (external Kafka and registry required).")
final class StreamsCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = "--http-host", description = "Address the REST API binds to (default 127.0.0.1; 0.0.0.0 in containers).")
    String httpHost;

    @Option(names = "--http-port", description = "REST API port (default 8080).")
    Integer httpPort;

    @Option(names = "--advertised-url", description = "URL other instances use to reach this one (default http://host:port).")
    String advertisedUrl;

    @Override
    public Integer call() throws Exception {
        Map<String, String> settings = common.settings();
        String bootstrap = common.bootstrapServers(settings);
        String registry = common.schemaRegistryUrl(settings);
        if (bootstrap == null || registry == null) {
            throw new IllegalArgumentException("streams needs --bootstrap-servers (or EGRESSMON_BOOTSTRAP_SERVERS) and "
                    + "--schema-registry-url (or EGRESSMON_SCHEMA_REGISTRY_URL); use `egressmon run` for the all-in-one default");
        }
        StreamsAppConfig config = StreamsAppConfig.fromEnv(settings).withBootstrapServers(bootstrap).withSchemaRegistryUrl(registry);
        if (httpHost != null) {
            config = config.withHttpHost(httpHost);
        }
        if (httpPort != null) {
            config = config.withHttpPort(httpPort);
        }
        if (advertisedUrl != null) {
            config = config.withAdvertisedUrl(advertisedUrl);
        }
        IngestCommand.awaitShutdown(StreamsApp.start(config));
        return 0;
    }
}
