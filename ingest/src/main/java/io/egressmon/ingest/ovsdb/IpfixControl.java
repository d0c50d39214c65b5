package io.egressmon.ingest.ovsdb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
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
 * does. Like ovs-vsctl (without {@code --no-wait}) each change bumps {@code Open_vSwitch.next_cfg}
 * and returns once ovs-vswitchd has applied it ({@code cur_cfg} caught up), so a caller knows the
 * exporter runs, or has stopped, when a call returns.
 */
public final class IpfixControl {
    static final String DB = "Open_vSwitch";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private static final Duration POLL = Duration.ofMillis(50);

    private final OvsdbClient ovsdb;
    private final Duration applyTimeout;

    /** {@code applyTimeout}: how long ovs-vswitchd may take to apply a change before we call it stuck. */
    public IpfixControl(OvsdbClient ovsdb, Duration applyTimeout) {
        this.ovsdb = Objects.requireNonNull(ovsdb, "ovsdb");
        this.applyTimeout = Objects.requireNonNull(applyTimeout, "applyTimeout");
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
        // An unknown bridge updates no row; the inserted row, referenced by nobody, is dropped at commit.
        apply(bridge, insert, updateBridge(bridge, IpfixRow.namedUuid("exporter")));
    }

    /**
     * New settings for a bridge's exporter: stopped, then started afresh once vswitchd has let the old
     * one go. Swapping the row in one step is not enough: vswitchd keeps the exporter when only options
     * change and sends no new templates, so exports under a new observation domain id could not be
     * read for up to ten minutes (OvS's template interval).
     */
    public void reconfigure(String bridge, IpfixSettings settings) throws OvsdbException {
        stop(bridge);
        start(bridge, settings);
    }

    /** Stops {@code bridge}'s IPFIX exporter (clears {@code Bridge.ipfix}; the orphaned row goes with it). */
    public void stop(String bridge) throws OvsdbException {
        apply(bridge, updateBridge(bridge, IpfixRow.emptySet()));
    }

    /**
     * Runs {@code ops} (the last one updating {@code bridge}) with next_cfg bumped in the same transaction,
     * then waits for ovs-vswitchd to report that configuration applied.
     */
    private void apply(String bridge, ObjectNode... ops) throws OvsdbException {
        List<ObjectNode> all = new ArrayList<>(List.of(ops));
        ObjectNode bump = NODES.objectNode().put("op", "mutate").put("table", DB);
        bump.set("where", NODES.arrayNode());
        bump.set("mutations", NODES.arrayNode().add(NODES.arrayNode().add("next_cfg").add("+=").add(1)));
        all.add(bump);
        all.add(select(DB, "next_cfg"));
        ArrayNode results = ovsdb.transact(DB, all);
        requireOneBridge(bridge, results.path(ops.length - 1));
        awaitApplied(results.path(all.size() - 1).path("rows").path(0).path("next_cfg").asLong());
    }

    /** Polls cur_cfg as ovs-vsctl does: ">=" because another client may have bumped next_cfg further. */
    private void awaitApplied(long nextCfg) throws OvsdbException {
        long deadline = System.nanoTime() + applyTimeout.toNanos();
        long current;
        while ((current = ovsdb.transact(DB, List.of(select(DB, "cur_cfg")))
            .path(0).path("rows").path(0).path("cur_cfg").asLong()) < nextCfg) {
            if (System.nanoTime() > deadline) {
                throw new OvsdbException("ovs-vswitchd did not apply the change within " + applyTimeout
                    + " (cur_cfg " + current + ", waiting for " + nextCfg + "): is it running?");
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new OvsdbException("interrupted while waiting for ovs-vswitchd to apply the change", e);
            }
        }
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
