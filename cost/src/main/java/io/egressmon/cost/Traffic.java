package io.egressmon.cost;

import java.util.Objects;

/**
 * What kind of traffic is priced. Internet egress names its network (null: the provider's default,
 * Azure {@code microsoft}, Google {@code premium}) and, for Google premium tier, the destination
 * continent (null: unknown, the default tiers apply — interface counters do not see destinations).
 */
public record Traffic(Kind kind, String network, String destinationContinent) {
    public enum Kind { INTERNET, INTER_AZ, INTER_REGION, NAT_GATEWAY }

    public static final Traffic INTERNET = new Traffic(Kind.INTERNET, null, null);
    public static final Traffic INTER_AZ = new Traffic(Kind.INTER_AZ, null, null);
    public static final Traffic INTER_REGION = new Traffic(Kind.INTER_REGION, null, null);
    public static final Traffic NAT_GATEWAY = new Traffic(Kind.NAT_GATEWAY, null, null);

    public Traffic {
        Objects.requireNonNull(kind, "kind");
    }

    public static Traffic internet(String network) {
        return new Traffic(Kind.INTERNET, network, null);
    }

    public static Traffic internet(String network, String destinationContinent) {
        return new Traffic(Kind.INTERNET, network, destinationContinent);
    }
}
