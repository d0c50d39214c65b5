package io.egressmon.app;

import io.egressmon.config.SettingsReader;
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

    @Mixin
    HttpOptions http;

    @Option(names = "--advertised-url", description = "URL other instances use to reach this one (default http://host:port).")
    String advertisedUrl;

    @Override
    public Integer call() throws Exception {
        Map<String, Object> flags = http.flags();
        flags.put(StreamsAppConfig.ADVERTISED_URL.name(), advertisedUrl);
        SettingsReader r = common.settings(flags).reader();
        StreamsAppConfig config = StreamsAppConfig.read(r);
        config.kafka().requireExternal(r, "the streams app");
        Pipeline.awaitShutdown(StreamsApp.start(r.check("streams-app", config)));
        return 0;
    }
}
