package io.egressmon.ingest.ovsdb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Starts, reconfigures and stops Open vSwitch's per-bridge IPFIX exporter by editing the
 * {@code Open_vSwitch} database, as {@code ovs-vsctl set Bridge br0 ipfix=@i -- --id=@i create IPFIX ...}
 * does; ovs-vswitchd notices the change and (re)starts exporting.
 */
public final class IpfixControl {
    static final String DB = "Open_vSwitch";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final OvsdbClient ovsdb;

    public IpfixControl(OvsdbClient ovsdb) {
        this.ovsdb = Objects.requireNonNull(ovsdb, "ovsdb");
    }

    /** Every bridge, by name, with the IPFIX settings it exports with, if any. */
    public List<BridgeIpfix> bridges() throws OvsdbException {
        ArrayNode results = ovsdb.transact(DB, List.of(
            select("Bridge", "name", "ipfix"),
            select("IPFIX", "_uuid", "targets", "sampling", "obs_domain_id", "obs_point_id",
                "cache_active_timeout", "cache_max_flows")));
        Map<String, JsonNode> ipfixRows = new HashMap<>();
        results.path(1).path("rows").forEach(row -> ipfixRows.put(IpfixRow.uuid(row.path("_uuid")), row));
        List<BridgeIpfix> bridges = new ArrayList<>();
        for (JsonNode bridge : results.path(0).path("rows")) {
            String name = bridge.path("name").asText();
            JsonNode row = ipfixRows.get(IpfixRow.uuid(bridge.path("ipfix")));
            bridges.add(new BridgeIpfix(name, Optional.ofNullable(row).map(r -> settings(name, r))));
        }
        bridges.sort(Comparator.comparing(BridgeIpfix::bridge));
        return List.copyOf(bridges);
    }

    /**
     * Makes {@code bridge} export IPFIX with {@code settings}: a new IPFIX row and the bridge pointed at it,
     * in one transaction (IPFIX is not a root table: a row nobody references is deleted at commit, so the
     * row and the reference must arrive together). A row the bridge had before is dropped the same way.
     */
    public void start(String bridge, IpfixSettings settings) throws OvsdbException {
        ObjectNode insert = NODES.objectNode().put("op", "insert").put("table", "IPFIX")
            .put("uuid-name", "exporter");
        insert.set("row", IpfixRow.of(settings));
        ArrayNode results = ovsdb.transact(DB, List.of(insert,
            updateBridge(bridge, IpfixRow.namedUuid("exporter"))));
        // An unknown bridge updates no row; the inserted row, referenced by nobody, was dropped at commit.
        requireOneBridge(bridge, results.path(1));
    }

    /**
     * New settings for a bridge's exporter. A fresh row rather than an edit of the old one: vswitchd then
     * starts a new exporter, which sends its templates at once (a collector that missed them would
     * otherwise wait up to ten minutes to decode anything).
     */
    public void reconfigure(String bridge, IpfixSettings settings) throws OvsdbException {
        start(bridge, settings);
    }

    /** Stops {@code bridge}'s IPFIX exporter (clears {@code Bridge.ipfix}; the orphaned row goes with it). */
    public void stop(String bridge) throws OvsdbException {
        ArrayNode results = ovsdb.transact(DB, List.of(updateBridge(bridge, IpfixRow.emptySet())));
        requireOneBridge(bridge, results.path(0));
    }

    private static ObjectNode updateBridge(String bridge, JsonNode ipfix) {
        ObjectNode update = NODES.objectNode().put("op", "update").put("table", "Bridge");
        update.set("where", NODES.arrayNode().add(NODES.arrayNode().add("name").add("==").add(bridge)));
        update.set("row", NODES.objectNode().set("ipfix", ipfix));
        return update;
    }

    private static ObjectNode select(String table, String... columns) {
        ObjectNode select = NODES.objectNode().put("op", "select").put("table", table);
        select.set("where", NODES.arrayNode());
        ArrayNode wanted = select.putArray("columns");
        for (String c : columns) {
            wanted.add(c);
        }
        return select;
    }

    private void requireOneBridge(String bridge, JsonNode updateResult) throws OvsdbException {
        if (updateResult.path("count").asInt(-1) != 1) {
            throw new OvsdbException("no bridge named '" + bridge + "' in OVSDB at " + ovsdb.address());
        }
    }

    private static IpfixSettings settings(String bridge, JsonNode row) {
        try {
            return IpfixRow.settings(row);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("bridge " + bridge + "'s IPFIX row is one we cannot read: " + e.getMessage(), e);
        }
    }
}
