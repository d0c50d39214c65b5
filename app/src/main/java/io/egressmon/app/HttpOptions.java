package io.egressmon.app;

import io.egressmon.streams.StreamsAppConfig;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** Where a command's REST API listens (a picocli mixin): the flags of the streams app's HTTP settings. */
final class HttpOptions {
    @Option(names = "--http-host", description = "Address the REST API binds to (default 127.0.0.1; 0.0.0.0 in containers).")
    String httpHost;

    @Option(names = "--http-port", description = "REST API port (default 8080).")
    Integer httpPort;

    /** The flags given, by setting name (null where not given), for a command to add its own to. */
    Map<String, Object> flags() {
        Map<String, Object> flags = new HashMap<>();
        flags.put(StreamsAppConfig.HTTP_HOST.name(), httpHost);
        flags.put(StreamsAppConfig.HTTP_PORT.name(), httpPort);
        return flags;
    }
}
