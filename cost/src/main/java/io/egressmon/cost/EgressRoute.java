package io.egressmon.cost;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * The legs a spoke's internet egress is billed on; each byte of the spoke's egress is priced once on
 * every leg.
 * <ul>
 *   <li>Local egress: one leg, internet egress at the spoke's own billing point.</li>
 *   <li>Centralised egress (the spoke's {@link GatewaySite#egressVia}): internet egress at the egress
 *       gateway's billing point (its provider, region, account and overrides: the internet tiers
 *       count on the account that owns the egress point), plus the spoke→egress leg at the spoke's
 *       billing point: the inter-region rate when the two regions differ, the inter-AZ rate when
 *       the region is the same and both zones are known and differ, nothing when they share a zone;
 *       and internet egress when the egress gateway is in another cloud (leaving a cloud for
 *       another is internet egress to the cloud it leaves).</li>
 * </ul>
 * The inventory does not say which availability zone a gateway is in; with either zone unknown in
 * the same region the spoke→egress leg is not charged, and {@link #zoneUnknown} says so.
 *
 * @param egressGateway the gateway the egress leaves through: the spoke itself when local
 */
public record EgressRoute(String spoke, String egressGateway, List<Leg> legs, boolean zoneUnknown) {
    /** One thing the egress is charged for, and where. */
    public record Leg(BillingPoint at, Traffic traffic) {
        public Leg {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(traffic, "traffic");
        }
    }

    public EgressRoute {
        legs = List.copyOf(legs);
    }

    public boolean centralised() {
        return !spoke.equals(egressGateway);
    }

    /**
     * The route of {@code spoke}'s egress; {@code inventory} finds a gateway by name (null when it
     * does not know it). One hop only: the egress gateway's own {@code egressVia} is not followed.
     *
     * @throws IllegalArgumentException when the spoke or its egress gateway has a vendor the price
     *     table does not price, or the egress gateway is not in the inventory
     */
    public static EgressRoute of(GatewaySite spoke, Function<String, GatewaySite> inventory) {
        BillingPoint local = spoke.billingPoint();
        if (spoke.egressVia() == null || spoke.egressVia().equals(spoke.gwName())) {
            return new EgressRoute(spoke.gwName(), spoke.gwName(), List.of(new Leg(local, Traffic.INTERNET)), false);
        }
        GatewaySite via = inventory.apply(spoke.egressVia());
        if (via == null) {
            throw new IllegalArgumentException("spoke " + spoke.gwName() + " egresses via " + spoke.egressVia()
                    + ", which is not in the inventory");
        }
        Leg internet = new Leg(via.billingPoint(), Traffic.INTERNET);
        if (local.provider() != via.provider()) {
            return new EgressRoute(spoke.gwName(), via.gwName(), List.of(internet, new Leg(local, Traffic.INTERNET)), false);
        }
        if (!sameRegion(spoke.vpcRegion(), via.vpcRegion())) {
            return new EgressRoute(spoke.gwName(), via.gwName(), List.of(internet, new Leg(local, Traffic.INTER_REGION)), false);
        }
        if (spoke.zone() == null || via.zone() == null) {
            return new EgressRoute(spoke.gwName(), via.gwName(), List.of(internet), true);
        }
        if (!spoke.zone().equals(via.zone())) {
            return new EgressRoute(spoke.gwName(), via.gwName(), List.of(internet, new Leg(local, Traffic.INTER_AZ)), false);
        }
        return new EgressRoute(spoke.gwName(), via.gwName(), List.of(internet), false);
    }

    private static boolean sameRegion(String a, String b) {
        return a == null || b == null ? Objects.equals(a, b) : Region.key(a).equals(Region.key(b));
    }
}
