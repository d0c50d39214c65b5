package io.egressmon.cost;

/**
 * What a network's internet-egress prices vary by, and the price-table key that names it: AWS and
 * OCI by source region, Azure by billing zone, Google premium tier by source and destination
 * continent ({@code north_america->europe}), Google standard tier by source continent.
 */
public enum PriceKey {
    REGION("by_region"),
    ZONE("by_zone"),
    ROUTE("by_route"),
    SOURCE_CONTINENT("by_source");

    static final String ROUTE_ARROW = "->";

    private final String tableKey;

    PriceKey(String tableKey) {
        this.tableKey = tableKey;
    }

    /** The key under a network's schedule in the price table, e.g. {@code by_zone}. */
    public String tableKey() {
        return tableKey;
    }

    /**
     * The key of the prices for egress from {@code regionName} ({@code region} its catalogue entry,
     * null when the table does not know it) to {@code destinationContinent} (null when unknown);
     * null when the default tiers apply.
     */
    String keyFor(String regionName, Region region, String destinationContinent) {
        return switch (this) {
            case REGION -> regionName == null ? null : Region.key(regionName);
            case ZONE -> region == null ? null : region.zone();
            case SOURCE_CONTINENT -> region == null ? null : region.continent();
            case ROUTE -> region == null || region.continent() == null || destinationContinent == null
                    ? null : region.continent() + ROUTE_ARROW + destinationContinent;
        };
    }
}
