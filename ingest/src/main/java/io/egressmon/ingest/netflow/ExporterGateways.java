package io.egressmon.ingest.netflow;

import io.egressmon.avro.Gateway;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which gateway an exporter's flows belong to: the configured mapping ({@code EGRESSMON_FLOW_EXPORTERS})
 * first, then the inventory — a gateway's own addresses (CoPilot's private and public IP), so an
 * Aviatrix gateway exporting from its own address needs no configuration. The inventory is read
 * again by {@link #refresh()}; between refreshes lookups are one map read.
 */
final class ExporterGateways {
    private static final Logger log = LoggerFactory.getLogger(ExporterGateways.class);

    private final Map<InetAddress, String> configured;
    private final Supplier<Map<String, Gateway>> inventory;
    private volatile Map<InetAddress, String> known = Map.of();

    /** @param inventory the inventory's gateways by name, read anew on every call; null for none */
    ExporterGateways(Map<InetAddress, String> configured, Supplier<Map<String, Gateway>> inventory) {
        this.configured = Map.copyOf(configured);
        this.inventory = inventory;
    }

    /** The gateway of {@code exporter}; empty when neither the configuration nor the inventory says. */
    String gatewayOf(InetAddress exporter) {
        String gateway = configured.get(exporter);
        return gateway != null ? gateway : known.getOrDefault(exporter, "");
    }

    /**
     * Reads the inventory again. An address two gateways claim (HA pairs share none, but a copy-paste
     * can) goes to neither: flows are never put on a guessed gateway.
     *
     * @return how many addresses the inventory maps
     */
    int refresh() {
        if (inventory == null) {
            return 0;
        }
        Map<InetAddress, String> next = new HashMap<>();
        Map<InetAddress, String> claimedTwice = new HashMap<>();
        for (Gateway g : inventory.get().values()) {
            for (String text : g.getAddresses()) {
                InetAddress address = literal(text);
                if (address == null) {
                    continue;
                }
                String before = next.putIfAbsent(address, g.getGwName());
                if (before != null && !before.equals(g.getGwName())) {
                    claimedTwice.put(address, before + " and " + g.getGwName());
                }
            }
        }
        claimedTwice.forEach((address, names) -> {
            next.remove(address);
            log.warn("inventory: {} is the address of {}: its flows are mapped to no gateway (set {} to say which)",
                    address.getHostAddress(), names, CollectorSettings.EXPORTERS.name());
        });
        known = Map.copyOf(next);
        return known.size();
    }

    private static InetAddress literal(String text) {
        try {
            return CollectorSettings.literal(Objects.requireNonNull(text).strip());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
