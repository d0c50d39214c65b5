package io.egressmon.cost;

import java.util.Objects;

/**
 * Where traffic is billed: the provider and region whose prices apply (the spoke's own for local
 * egress, the egress point's for centralised egress), and the account and gateway whose overrides
 * apply (either may be null).
 */
public record BillingPoint(Provider provider, String region, String account, String gateway) {
    public BillingPoint {
        Objects.requireNonNull(provider, "provider");
    }

    public static BillingPoint of(Provider provider, String region) {
        return new BillingPoint(provider, region, null, null);
    }
}
