package io.egressmon.app;

import io.egressmon.ingest.netflow.CollectorSettings;
import java.util.Map;
import picocli.CommandLine.Option;

/** Where the flow collector listens (a picocli mixin): flags of the collector's socket settings. */
final class FlowOptions {
    @Option(names = "--netflow-listen", description = "UDP addresses for NetFlow v5/v9 and IPFIX, comma-separated, "
            + "or none (run: 127.0.0.1:2055; collect: " + CollectorSettings.COLLECT_NETFLOW + ").")
    String netflowListen;

    @Option(names = "--sflow-listen", description = "UDP addresses for sFlow v5, or none "
            + "(run: 127.0.0.1:6343; collect: " + CollectorSettings.COLLECT_SFLOW + ").")
    String sflowListen;

    /** Adds the flags given to {@code flags}, by setting name. */
    Map<String, Object> addTo(Map<String, Object> flags) {
        flags.put(CollectorSettings.NETFLOW_LISTEN.name(), netflowListen);
        flags.put(CollectorSettings.SFLOW_LISTEN.name(), sflowListen);
        return flags;
    }
}
