package io.egressmon.api.ovs;

import io.egressmon.api.BadParameter;
import io.egressmon.api.QueryParameters;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * {@code POST /api/v1/ovs/bridges/{bridge}/ipfix?target=HOST:PORT[,…]&sampling=&obs_domain=&cache_active_timeout=&cache_max_flows=}:
 * start the bridge's exporter, or give it these settings (Open vSwitch then resends its templates).
 */
public record OvsIpfixRequest(List<String> targets, long sampling, long obsDomainId, long cacheActiveTimeout,
                              long cacheMaxFlows) {
    public static final Set<String> PARAMETERS = Set.of("target", "sampling", "obs_domain", "cache_active_timeout",
            "cache_max_flows");
    /** OvS's own limit of the active timeout, seconds. */
    public static final int MAX_ACTIVE_TIMEOUT = 4_200;

    public OvsIpfixRequest {
        targets = List.copyOf(targets);
    }

    /** @throws BadParameter naming the parameter that is missing or wrong */
    public static OvsIpfixRequest parse(QueryParameters params) {
        String target = params.raw("target");
        if (target == null || target.isBlank()) {
            throw new BadParameter("target", "target is required: the collector as HOST:PORT (e.g. 127.0.0.1:2055)");
        }
        List<String> targets = Arrays.stream(target.split(",")).map(String::trim).toList();
        for (String t : targets) {
            int colon = t.lastIndexOf(':');
            if (colon <= 0 || colon == t.length() - 1 || !t.substring(colon + 1).chars().allMatch(Character::isDigit)) {
                throw new BadParameter("target", "target '" + t + "' is not HOST:PORT");
            }
        }
        return new OvsIpfixRequest(targets,
                params.has("sampling") ? params.integer("sampling", 1, Integer.MAX_VALUE) : 1,
                params.has("obs_domain") ? params.integer("obs_domain", 0, Integer.MAX_VALUE) : 0,
                params.has("cache_active_timeout") ? params.integer("cache_active_timeout", 0, MAX_ACTIVE_TIMEOUT) : 10,
                params.has("cache_max_flows") ? params.integer("cache_max_flows", 0, Integer.MAX_VALUE) : 4096);
    }
}
