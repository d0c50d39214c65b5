package io.egressmon.ingest.ovsdb;

import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * What an Open vSwitch bridge's IPFIX exporter is told (a row of OvS's {@code IPFIX} table), held to the
 * ranges the vswitch schema allows, so a bad value is refused here with a message and not by OVSDB.
 *
 * @param targets            collectors as OvS writes them: {@code HOST:PORT}, an IPv6 address in brackets
 * @param sampling           1-in-N packet sampling, 1 = every packet
 * @param obsDomainId        the IPFIX observation domain id the exports carry
 * @param obsPointId         the observation point id, when one is set
 * @param cacheActiveTimeout seconds a flow is aggregated before it is exported; 0 turns the cache off
 * @param cacheMaxFlows      flow records the cache holds; 0 turns the cache off (every packet its own record)
 */
public record IpfixSettings(List<String> targets, long sampling, long obsDomainId, OptionalLong obsPointId,
                            long cacheActiveTimeout, long cacheMaxFlows) {
    static final long MAX_UINT32 = 4_294_967_295L;
    /** egressmon's defaults for an exporter it starts: flows aggregated 10 s, up to 4 096 of them. */
    public static final long DEFAULT_CACHE_ACTIVE_TIMEOUT = 10;
    public static final long DEFAULT_CACHE_MAX_FLOWS = 4096;
    static final long MAX_ACTIVE_TIMEOUT = 4_200;

    public IpfixSettings {
        Objects.requireNonNull(targets, "targets");
        Objects.requireNonNull(obsPointId, "obsPointId");
        targets = List.copyOf(targets);
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("IPFIX needs at least one target (host:port)");
        }
        targets.forEach(IpfixSettings::checkTarget);
        check("sampling", sampling, 1, MAX_UINT32);
        check("obs domain id", obsDomainId, 0, MAX_UINT32);
        if (obsPointId.isPresent()) {
            check("obs point id", obsPointId.getAsLong(), 0, MAX_UINT32);
        }
        check("cache active timeout (seconds)", cacheActiveTimeout, 0, MAX_ACTIVE_TIMEOUT);
        check("cache max flows", cacheMaxFlows, 0, MAX_UINT32);
    }

    /** Every packet, no observation point, flows aggregated for {@code cacheActiveTimeout} seconds. */
    public static IpfixSettings of(List<String> targets, long sampling, long obsDomainId, long cacheActiveTimeout,
                                   long cacheMaxFlows) {
        return new IpfixSettings(targets, sampling, obsDomainId, OptionalLong.empty(), cacheActiveTimeout, cacheMaxFlows);
    }

    /** Every 1-in-{@code sampling} packet to {@code target}, domain 0, egressmon's cache defaults. */
    public static IpfixSettings towards(String target, long sampling) {
        return of(List.of(target), sampling, 0, DEFAULT_CACHE_ACTIVE_TIMEOUT, DEFAULT_CACHE_MAX_FLOWS);
    }

    public IpfixSettings withObsDomainId(long id) {
        return new IpfixSettings(targets, sampling, id, obsPointId, cacheActiveTimeout, cacheMaxFlows);
    }

    public IpfixSettings withSampling(long rate) {
        return new IpfixSettings(targets, rate, obsDomainId, obsPointId, cacheActiveTimeout, cacheMaxFlows);
    }

    private static void check(String name, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException("IPFIX " + name + " must be " + min + ".." + max + ", got " + value);
        }
    }

    private static void checkTarget(String target) {
        int colon = target.lastIndexOf(':');
        String host = colon < 0 ? "" : target.substring(0, colon);
        boolean bracketed = host.startsWith("[") && host.endsWith("]");
        if (host.isEmpty() || (host.contains(":") && !bracketed) || host.equals("[]")) {
            throw new IllegalArgumentException("IPFIX target '" + target + "' must be HOST:PORT, an IPv6 address as [IPv6]:PORT");
        }
        try {
            int port = Integer.parseInt(target.substring(colon + 1));
            if (port < 1 || port > 65_535) {
                throw new IllegalArgumentException("IPFIX target '" + target + "': port must be 1..65535");
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("IPFIX target '" + target + "': port is not a number", e);
        }
    }
}
