package io.egressmon.ingest.ovsdb;

import java.util.Objects;
import java.util.Optional;

/** A bridge of the switch and the IPFIX exporter it runs, if any. */
public record BridgeIpfix(String bridge, Optional<IpfixSettings> ipfix) {
    public BridgeIpfix {
        Objects.requireNonNull(bridge, "bridge");
        Objects.requireNonNull(ipfix, "ipfix");
    }
}
