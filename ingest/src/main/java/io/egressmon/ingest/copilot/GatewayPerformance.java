package io.egressmon.ingest.copilot;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The performance API's answer for one gateway over one range: per interface, the min/max of its
 * counters. An empty map is CoPilot's {@code "interfaces": {}} (no samples in the range).
 */
public record GatewayPerformance(String gateway, Map<String, InterfaceMinMax> interfaces) {

    public GatewayPerformance {
        Objects.requireNonNull(gateway, "gateway");
        interfaces = Collections.unmodifiableMap(new TreeMap<>(interfaces));
    }

    public static GatewayPerformance empty(String gateway) {
        return new GatewayPerformance(gateway, Map.of());
    }
}
