package io.egressmon.ingest.inventory;

import io.egressmon.avro.Gateway;
import io.egressmon.ingest.copilot.ControllerGateway;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** A spoke as published to {@code copilot.inventory}: its attributes and its sorted tunnel interfaces. */
public record InventoryEntry(ControllerGateway gateway, List<String> tunnelInterfaces) {

    public InventoryEntry {
        Objects.requireNonNull(gateway, "gateway");
        tunnelInterfaces = tunnelInterfaces.stream().sorted().distinct().toList();
    }

    public String name() {
        return gateway.gwName();
    }

    public Gateway toAvro(Instant observedAt) {
        return Gateway.newBuilder()
                .setGwName(gateway.gwName())
                .setGwType(gateway.gwType())
                .setAccountName(gateway.accountName())
                .setVpcId(gateway.vpcId())
                .setVpcName(gateway.vpcName())
                .setVpcRegion(gateway.vpcRegion())
                .setVendorName(gateway.vendorName())
                .setTransitGwName(gateway.transitGwName())
                .setGroupName(gateway.groupName())
                .setTunnelInterfaces(tunnelInterfaces)
                .setAddresses(gateway.addresses())
                .setObservedAt(observedAt)
                .build();
    }

    public static InventoryEntry fromAvro(Gateway g) {
        return new InventoryEntry(new ControllerGateway(g.getGwName(), g.getGwType(), g.getAccountName(), g.getVpcId(),
                g.getVpcName(), g.getVpcRegion(), g.getVendorName(), g.getTransitGwName(), g.getGroupName(),
                g.getAddresses()),
                g.getTunnelInterfaces());
    }
}
