package io.egressmon.copilot.sim;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.NavigableMap;
import java.util.NoSuchElementException;
import java.util.TreeMap;

/**
 * What the counters of every gateway recorded in {@code (from, to]}: exactly what a reader holding a
 * reading at every whole minute gets by adding up its deltas, a drop being a reset to zero. A
 * correct pipeline matches it to the byte when {@code from} and {@code to} are whole minutes.
 *
 * @param gateways by gateway name, sorted
 */
public record GroundTruth(Instant from, Instant to, NavigableMap<String, GatewayTruth> gateways) {

    public GroundTruth {
        gateways = Collections.unmodifiableNavigableMap(new TreeMap<>(gateways));
    }

    public GatewayTruth gateway(String name) {
        GatewayTruth truth = gateways.get(name);
        if (truth == null) {
            throw new NoSuchElementException("no gateway '" + name + "' in the estate");
        }
        return truth;
    }

    public List<GatewayTruth> spokes() {
        return gateways.values().stream().filter(g -> Gateway.SPOKE.equals(g.type())).toList();
    }
}
