package io.egressmon.cost;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The simulator's sample estate (copilot-sim's {@code EstateCatalog}) as the inventory describes
 * it: names, vendors, regions and accounts; its group_name is each gateway's own name.
 */
final class SampleEstate {
    static final List<GatewaySite> GATEWAYS = List.of(
            spoke("accounting-aws-spoke-dev", "accounting-aws", "AWS", "us-east-1"),
            spoke("accounting-aws-spoke-prod", "accounting-aws", "AWS", "us-east-1"),
            spoke("accounting-aws-spoke-qa", "accounting-aws", "AWS", "us-east-1"),
            spoke("engineering-aws-spoke-dev", "engineering-aws", "AWS", "us-east-2"),
            spoke("engineering-aws-spoke-prod", "engineering-aws", "AWS", "us-east-2"),
            spoke("engineering-aws-spoke-qa", "engineering-aws", "AWS", "us-east-2"),
            spoke("enterprise-data-gcp-spoke-dev", "enterprise-data-gcp", "Gcloud", "us-west1"),
            spoke("enterprise-data-gcp-spoke-prod", "enterprise-data-gcp", "Gcloud", "us-west1"),
            spoke("enterprise-data-gcp-spoke-qa", "enterprise-data-gcp", "Gcloud", "us-west1"),
            spoke("marketing-azure-spoke-all", "marketing-azure", "Azure ARM", "North Europe"),
            spoke("operations-aws-landing-zone", "operations-aws", "AWS", "us-east-1"),
            spoke("operations-aws-spoke-k8s", "operations-aws", "AWS", "us-east-1"),
            spoke("operations-azure-spoke-k8s", "operations-azure", "Azure ARM", "North Europe"),
            spoke("operations-oci-spoke-shared", "operations-oci", "Oracle Cloud Infrastructure", "ap-singapore-1"),
            spoke("transit-aws-us-east-1", "network-aws", "AWS", "us-east-1"),
            spoke("transit-aws-us-east-2", "network-aws", "AWS", "us-east-2"),
            spoke("transit-gcp-us-west1", "network-gcp", "Gcloud", "us-west1"),
            spoke("transit-azure-north-europe", "network-azure", "Azure ARM", "North Europe"),
            spoke("transit-oci-ap-singapore-1", "network-oci", "Oracle Cloud Infrastructure", "ap-singapore-1"));

    private SampleEstate() {
    }

    static GatewaySite gateway(String name) {
        return GATEWAYS.stream().filter(g -> g.gwName().equals(name)).findFirst().orElseThrow();
    }

    /** The estate with {@code changed} in place of the gateways of the same name, as an inventory lookup. */
    static Function<String, GatewaySite> inventory(GatewaySite... changed) {
        Map<String, GatewaySite> byName = GATEWAYS.stream().collect(Collectors.toMap(GatewaySite::gwName, g -> g));
        for (GatewaySite g : changed) {
            byName.put(g.gwName(), g);
        }
        return byName::get;
    }

    private static GatewaySite spoke(String name, String account, String vendor, String region) {
        return GatewaySite.of(name, vendor, region, account, name);
    }
}
