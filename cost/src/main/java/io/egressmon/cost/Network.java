package io.egressmon.cost;

/**
 * A way out to the internet that a provider prices on its own: Azure's routing preference
 * ({@code microsoft}, {@code internet}), Google's network tier ({@code premium}, {@code standard}),
 * and the one network of AWS and OCI ({@code standard}).
 */
public record Network(String name, PriceKey priceKey) {
}
