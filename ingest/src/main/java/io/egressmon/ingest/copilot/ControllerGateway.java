package io.egressmon.ingest.copilot;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A gateway as {@code GET /api/gateways} describes it: its name, its lower-cased type, the seven
 * attributes a report shows, and its own IP addresses (a flow exporter sending from one of them is
 * this gateway). {@code vpcName} is derived from {@code vpcId} ({@link #vpcNameOf}), never
 * copied from the controller's {@code vpc_name}, which can hold the gateway's name instead.
 */
public record ControllerGateway(String gwName, String gwType, String accountName, String vpcId, String vpcName,
                          String vpcRegion, String vendorName, String transitGwName, String groupName,
                          List<String> addresses) {

    public static final String SPOKE = "spoke";

    public ControllerGateway {
        Objects.requireNonNull(gwName, "gwName");
        gwType = gwType == null ? "" : gwType.toLowerCase(Locale.ROOT);
        accountName = nonNull(accountName);
        vpcId = nonNull(vpcId);
        vpcName = nonNull(vpcName);
        vpcRegion = nonNull(vpcRegion);
        vendorName = nonNull(vendorName);
        transitGwName = nonNull(transitGwName);
        groupName = nonNull(groupName);
        addresses = addresses == null ? List.of() : List.copyOf(addresses);
    }

    /** A gateway whose {@code vpcName} is derived from {@code vpcId}. */
    public static ControllerGateway of(String gwName, String gwType, String accountName, String vpcId, String vpcRegion,
                                 String vendorName, String transitGwName, String groupName, List<String> addresses) {
        return new ControllerGateway(gwName, gwType, accountName, vpcId, vpcNameOf(vpcId), vpcRegion, vendorName,
                transitGwName, groupName, addresses);
    }

    public boolean isSpoke() {
        return SPOKE.equals(gwType);
    }

    /**
     * The VPC name hidden in a CoPilot {@code vpc_id}, for every cloud's format:
     * <ul>
     *   <li>AWS {@code vpc-0abc…~~name} and OCI {@code ocid1.vcn…~~name}: the part after {@code ~~};</li>
     *   <li>GCP {@code name~-~project}: the part before {@code ~-~};</li>
     *   <li>Azure {@code vnet:resource-group:subscription}: the part before the first {@code :};</li>
     *   <li>anything else: the id itself.</li>
     * </ul>
     */
    public static String vpcNameOf(String vpcId) {
        if (vpcId == null || vpcId.isBlank()) {
            return "";
        }
        int tilde = vpcId.indexOf("~~");
        if (tilde >= 0) {
            return vpcId.substring(tilde + 2);
        }
        int gcp = vpcId.indexOf("~-~");
        if (gcp > 0) {
            return vpcId.substring(0, gcp);
        }
        int colon = vpcId.indexOf(':');
        if (colon > 0 && vpcId.indexOf(':', colon + 1) > colon) {
            return vpcId.substring(0, colon);
        }
        return vpcId;
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }
}
