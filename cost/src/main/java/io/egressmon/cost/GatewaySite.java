package io.egressmon.cost;

import java.util.Objects;

/**
 * A gateway as its cost needs it. The first five fields are the inventory's {@code Gateway} record
 * (topic {@code copilot.inventory}) field for field: {@code gw_name}, {@code vendor_name},
 * {@code vpc_region}, {@code account_name}, {@code group_name}; blank ones (the Avro defaults) are
 * read as null. The last two are not in the inventory, so configuration supplies them:
 * {@code zone}, the gateway's availability zone (null: unknown, which CoPilot's gateway list does
 * not say), and {@code egressVia}, the name of the transit or FireNet gateway a spoke's internet
 * egress leaves through when it is centralised (null: local egress, through the spoke itself).
 */
public record GatewaySite(String gwName, String vendorName, String vpcRegion, String accountName, String groupName,
                          String zone, String egressVia) {
    public GatewaySite {
        Objects.requireNonNull(gwName, "gwName");
        vendorName = orNull(vendorName);
        vpcRegion = orNull(vpcRegion);
        accountName = orNull(accountName);
        groupName = orNull(groupName);
        zone = orNull(zone);
        egressVia = orNull(egressVia);
    }

    /** A gateway as the inventory describes it: zone unknown, local egress. */
    public static GatewaySite of(String gwName, String vendorName, String vpcRegion, String accountName, String groupName) {
        return new GatewaySite(gwName, vendorName, vpcRegion, accountName, groupName, null, null);
    }

    public GatewaySite inZone(String availabilityZone) {
        return new GatewaySite(gwName, vendorName, vpcRegion, accountName, groupName, availabilityZone, egressVia);
    }

    /** This spoke with its internet egress centralised through the gateway named {@code egressGateway}. */
    public GatewaySite centralisedVia(String egressGateway) {
        return new GatewaySite(gwName, vendorName, vpcRegion, accountName, groupName, zone, egressGateway);
    }

    /** The provider whose prices apply ({@link Provider#fromVendor}), or null when none does. */
    public Provider provider() {
        return Provider.fromVendor(vendorName);
    }

    /** Where this gateway's own traffic is billed: its provider and region, its account's and its own overrides. */
    public BillingPoint billingPoint() {
        Provider p = provider();
        if (p == null) {
            throw new IllegalArgumentException("gateway " + gwName + " has vendor '" + vendorName
                    + "', which the price table does not price (aws, azure, gcp, oci)");
        }
        return new BillingPoint(p, vpcRegion, accountName, gwName);
    }

    private static String orNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
