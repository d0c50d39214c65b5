package io.egressmon.cost;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** A cloud the price table prices, with its networks (the first is the default) and what a region records. */
public enum Provider {
    AWS("aws", null, new Network("standard", PriceKey.REGION)),
    AZURE("azure", "zone", new Network("microsoft", PriceKey.ZONE), new Network("internet", PriceKey.ZONE)),
    GCP("gcp", "continent", new Network("premium", PriceKey.ROUTE), new Network("standard", PriceKey.SOURCE_CONTINENT)),
    OCI("oci", null, new Network("standard", PriceKey.REGION));

    /** Google's geolocations for Network Service Tiers pricing, as the table writes them. */
    public static final Set<String> CONTINENTS = Set.of(
            "north_america", "south_america", "europe", "middle_east_africa", "asia", "china", "oceania");

    private final String key;
    private final String regionAttribute;
    private final List<Network> networks;

    Provider(String key, String regionAttribute, Network... networks) {
        this.key = key;
        this.regionAttribute = regionAttribute;
        this.networks = List.of(networks);
    }

    /** As written in the price table: {@code aws}, {@code azure}, {@code gcp}, {@code oci}. */
    public String key() {
        return key;
    }

    /** What each region of this provider must say ({@code zone}, {@code continent}), or null. */
    public String regionAttribute() {
        return regionAttribute;
    }

    public List<Network> networks() {
        return networks;
    }

    public Network defaultNetwork() {
        return networks.get(0);
    }

    /** The network named {@code name}, or null. */
    public Network network(String name) {
        return networks.stream().filter(n -> n.name().equals(name)).findFirst().orElse(null);
    }

    /** The provider written {@code key} in the price table, or null. */
    public static Provider fromKey(String key) {
        return Arrays.stream(values()).filter(p -> p.key.equals(key)).findFirst().orElse(null);
    }

    /**
     * The provider of a gateway whose inventory {@code vendor_name} is {@code vendorName} (CoPilot's
     * names, {@code docs/copilot-api.md}: {@code AWS}, {@code AWS GOV}, {@code AWS CHINA},
     * {@code Azure ARM}, {@code ARM GOV}, {@code ARM CHINA}, {@code Gcloud},
     * {@code Oracle Cloud Infrastructure}); null for the vendors the price table does not price
     * (Alibaba Cloud, Equinix, Megaport, Aviatrix Edge Platform) and for none.
     */
    public static Provider fromVendor(String vendorName) {
        if (vendorName == null) {
            return null;
        }
        return switch (vendorName.toUpperCase(java.util.Locale.ROOT)) {
            case "AWS", "AWS GOV", "AWS CHINA" -> AWS;
            case "AZURE ARM", "ARM GOV", "ARM CHINA" -> AZURE;
            case "GCLOUD" -> GCP;
            case "ORACLE CLOUD INFRASTRUCTURE" -> OCI;
            default -> null;
        };
    }

    static Set<String> keys() {
        return Arrays.stream(values()).map(Provider::key).collect(Collectors.toCollection(java.util.TreeSet::new));
    }
}
