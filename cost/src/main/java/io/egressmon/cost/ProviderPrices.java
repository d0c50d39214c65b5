package io.egressmon.cost;

import java.util.List;
import java.util.Map;

/**
 * One provider's prices: its billing unit, where the figures come from, the regions it knows,
 * internet egress per network, the flat inter-AZ, inter-region and NAT gateway rates, and the
 * overrides by account, region and gateway.
 */
public record ProviderPrices(Provider provider, BillingUnit unit, List<String> sources, Map<String, Region> regions,
                             Map<String, EgressSchedule> internet, Rate interAz, Rate interRegion, Rate natGateway,
                             PriceOverrides overrides) {
    public ProviderPrices {
        sources = List.copyOf(sources);
        regions = Map.copyOf(regions);
        internet = Map.copyOf(internet);
    }

    /** The region named {@code name} (in any of its spellings, see {@link Region#key}), or null. */
    public Region region(String name) {
        return name == null ? null : regions.get(Region.key(name));
    }

    /** The internet-egress schedule of {@code network} (null: the provider's default network). */
    public EgressSchedule schedule(String network) {
        Network n = network == null ? provider.defaultNetwork() : provider.network(network);
        EgressSchedule s = n == null ? null : internet.get(n.name());
        if (s == null) {
            throw new IllegalArgumentException("no internet-egress prices for network '" + network + "' of "
                    + provider.key() + "; its networks: " + provider.networks().stream().map(Network::name).toList());
        }
        return s;
    }

    /** The month's prices for {@code traffic} billed at {@code at}. */
    MonthLadder ladder(BillingPoint at, Traffic traffic) {
        return switch (traffic.kind()) {
            case INTERNET -> {
                Network network = traffic.network() == null ? provider.defaultNetwork() : provider.network(traffic.network());
                EgressSchedule schedule = schedule(traffic.network());
                String key = network.priceKey().keyFor(at.region(), region(at.region()), traffic.destinationContinent());
                yield MonthLadder.of(unit, schedule.freePerMonth(), schedule.tiersFor(key));
            }
            case INTER_AZ -> MonthLadder.flat(unit, interAz.usdIn(at.region()));
            case INTER_REGION -> MonthLadder.flat(unit, interRegion.usdIn(at.region()));
            case NAT_GATEWAY -> MonthLadder.flat(unit, natGateway.usdIn(at.region()));
        };
    }
}
