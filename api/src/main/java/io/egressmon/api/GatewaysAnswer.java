package io.egressmon.api;

import java.util.List;

/** {@code GET /api/v1/gateways}: the inventory, every gateway type, sorted by name. */
public record GatewaysAnswer(List<InventoryGateway> gateways) {
    public GatewaysAnswer {
        gateways = List.copyOf(gateways);
    }
}
