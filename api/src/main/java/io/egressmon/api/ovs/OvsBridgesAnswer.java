package io.egressmon.api.ovs;

import java.util.List;

/** {@code GET /api/v1/ovs/bridges} on the collector's health port: the bridges OVSDB at {@code ovsdb} has. */
public record OvsBridgesAnswer(String ovsdb, List<OvsBridge> bridges) {
    public OvsBridgesAnswer {
        bridges = List.copyOf(bridges);
    }
}
