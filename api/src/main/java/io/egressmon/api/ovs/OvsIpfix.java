package io.egressmon.api.ovs;

import java.util.List;

/**
 * A bridge's Open vSwitch IPFIX exporter as OVSDB has it.
 *
 * @param obsPointId null when none is set
 */
public record OvsIpfix(List<String> targets, long sampling, long obsDomainId, Long obsPointId, long cacheActiveTimeout,
                       long cacheMaxFlows) {
    public OvsIpfix {
        targets = List.copyOf(targets);
    }
}
