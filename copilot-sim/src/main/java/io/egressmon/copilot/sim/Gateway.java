package io.egressmon.copilot.sim;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A gateway of the synthetic estate, with what {@code GET /api/gateways} reports about it.
 *
 * @param type              {@code spoke} or {@code transit}, lower case
 * @param reportedType      what the API puts in {@code $gw_type} — sometimes capitalised, as
 *                          clients must compare lower-cased
 * @param controllerVpcName what the API puts in {@code vpc_name}: the gateway name, as real
 *                          controllers sometimes do; {@link #vpcName()} is the trustworthy one
 * @param transitGwName     the attached transit; empty for transits
 * @param cidr              the VPC's CIDR (a /24 in one of the three RFC1918 ranges), for route tables
 *                          and the addresses of the spoke's hosts in flow records
 * @param hasMetrics        false for the one spoke whose performance queries never return data
 */
public record Gateway(String name, String type, String reportedType, String accountName, String vpcId,
                      String controllerVpcName, String vpcRegion, String vendorName, String transitGwName,
                      String groupName, String cidr, List<GatewayInterface> interfaces, List<Reboot> reboots,
                      boolean hasMetrics) {

    public static final String SPOKE = "spoke";
    public static final String TRANSIT = "transit";

    public Gateway {
        Objects.requireNonNull(name, "name");
        interfaces = List.copyOf(interfaces);
        reboots = List.copyOf(reboots);
    }

    public boolean isSpoke() {
        return SPOKE.equals(type);
    }

    /**
     * The VPC name as the later report script derives it: the part after {@code ~~} in
     * {@code vpc_id} when present, else the whole {@code vpc_id}.
     */
    public String vpcName() {
        int mark = vpcId.indexOf("~~");
        return mark >= 0 ? vpcId.substring(mark + 2) : vpcId;
    }

    public Optional<GatewayInterface> iface(String interfaceName) {
        return interfaces.stream().filter(i -> i.name().equals(interfaceName)).findFirst();
    }

    /** When traffic peaks in a region: 14:00 local time, in UTC seconds of the day. */
    public static int peakSecondOfDay(String region) {
        int utcOffsetHours = switch (region) {
            case "us-east-1", "us-east-2" -> -5;
            case "us-west1" -> -8;
            case "ap-singapore-1" -> 8;
            default -> 0;
        };
        return Math.floorMod(14 - utcOffsetHours, 24) * 3600;
    }

    /** The transit tunnels ({@code tun-…}) that exist at {@code at}. */
    public List<String> tunnelsAt(Instant at) {
        return interfaces.stream()
                .filter(GatewayInterface::isTunnel)
                .filter(i -> !i.createdAt().isAfter(at))
                .map(GatewayInterface::name)
                .toList();
    }
}
