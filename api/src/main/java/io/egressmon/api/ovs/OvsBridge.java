package io.egressmon.api.ovs;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;

/** One Open vSwitch bridge and its IPFIX exporter, null when it has none. */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record OvsBridge(String bridge, OvsIpfix ipfix) {
    public OvsBridge {
        Objects.requireNonNull(bridge, "bridge");
    }
}
