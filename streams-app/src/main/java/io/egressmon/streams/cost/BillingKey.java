package io.egressmon.streams.cost;

import io.egressmon.avro.SpokeBandwidthWindow;
import io.egressmon.cost.BillingPoint;
import io.egressmon.cost.Provider;
import java.util.Objects;

/**
 * The month ladder a spoke's internet egress counts on: its provider, account and region. The cost
 * part is partitioned by it, so one task holds all of an account's spokes in a region and prices
 * their hours on one ladder (docs/pricing.md, "Pricing a month in Kafka Streams").
 */
record BillingKey(Provider provider, String account, String region) {
    /** Between the parts of the key and of the cost stores' keys; names holding it cannot be keyed. */
    static final String SEPARATOR = "|";

    BillingKey {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(region, "region");
    }

    /** The key of {@code w}'s spoke, or null when it cannot be priced ({@link #whyNot} says why). */
    static BillingKey of(SpokeBandwidthWindow w) {
        Provider provider = Provider.fromVendor(w.getVendorName());
        if (provider == null || unkeyable(w)) {
            return null;
        }
        return new BillingKey(provider, w.getAccountName(), w.getVpcRegion());
    }

    /** Why {@code w} cannot be priced (the counter that counts it), or null when it can. */
    static CostStats.Counter whyNot(SpokeBandwidthWindow w) {
        if (Provider.fromVendor(w.getVendorName()) == null) {
            return CostStats.Counter.COST_UNPRICED_WINDOWS;
        }
        return unkeyable(w) ? CostStats.Counter.COST_UNKEYABLE_WINDOWS : null;
    }

    /** Names holding the separator cannot be told apart in the keys. */
    private static boolean unkeyable(SpokeBandwidthWindow w) {
        return w.getAccountName().contains(SEPARATOR) || w.getVpcRegion().contains(SEPARATOR)
                || w.getGateway().contains(SEPARATOR);
    }

    /** The key written as {@link #text()}. @throws IllegalArgumentException when it is not one */
    static BillingKey parse(String text) {
        String[] parts = text.split("\\" + SEPARATOR, -1);
        Provider provider = parts.length == 3 ? Provider.fromKey(parts[0]) : null;
        if (provider == null) {
            throw new IllegalArgumentException("not a billing key (provider|account|region): " + text);
        }
        return new BillingKey(provider, parts[1], parts[2]);
    }

    /** {@code aws|account|us-east-1}: the repartition key and the cost stores' key prefix. */
    String text() {
        return provider.key() + SEPARATOR + account + SEPARATOR + region;
    }

    /** Where the account's tiers and overrides are looked up (no gateway: the account's, or the region's). */
    BillingPoint point() {
        return new BillingPoint(provider, region.isEmpty() ? null : region, account.isEmpty() ? null : account, null);
    }
}
