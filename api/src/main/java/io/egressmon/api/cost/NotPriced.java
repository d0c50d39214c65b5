package io.egressmon.api.cost;

import java.util.List;
import java.util.Objects;

/**
 * A class of traffic the answer does not price, and why (docs/pricing.md, "What the interface-counter
 * method can and cannot price").
 *
 * @param trafficClass {@code inter_region}, {@code inter_az} or {@code nat}
 */
public record NotPriced(String trafficClass, String reason) {
    public static final NotPriced INTER_REGION = new NotPriced("inter_region",
            "interface counters do not say which bytes cross regions: a centralised spoke's leg to its egress"
                    + " gateway counts as tunnel traffic");
    public static final NotPriced INTER_AZ = new NotPriced("inter_az",
            "interface counters do not say which bytes cross availability zones, and CoPilot does not say which"
                    + " zone a gateway is in");
    public static final NotPriced NAT = new NotPriced("nat",
            "interface counters cannot see what a NAT gateway processes");
    /** What every cost answer says today: only internet egress is priced. */
    public static final List<NotPriced> TODAY = List.of(INTER_REGION, INTER_AZ, NAT);

    public NotPriced {
        Objects.requireNonNull(trafficClass, "traffic_class");
        Objects.requireNonNull(reason, "reason");
    }
}
