package io.egressmon.copilot.sim;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Builds the estate's gateways: the 14 spokes of the sample report ({@code spoke_bandwidth_7d.csv}:
 * names, accounts, VPC ids, regions, vendors, transits, groups, and weekly volumes that the
 * traffic's means reproduce), their five transits, and any number of synthetic spokes. Every random
 * choice comes from a generator seeded by the estate seed and the gateway's name, so adding
 * synthetic spokes never changes the sample ones.
 */
final class EstateCatalog {

    private static final double WEEK_SECONDS = 7 * 86_400.0;

    /** eth0 bytes that are neither egress nor tunnel payload: control plane, IPsec headers. */
    private static final double OVERHEAD_BYTES_PER_SECOND = 25;

    private record SpokeRow(String name, String account, String vpcId, String region, String vendor,
                            String transit, long internalRxWeek, long internalTxWeek, long egressRxWeek,
                            long egressTxWeek, String cidr) {
    }

    private record TransitRow(String name, String account, String vpcId, String region, String vendor) {
    }

    private static final List<SpokeRow> SAMPLE_SPOKES = List.of(
            new SpokeRow("accounting-aws-spoke-dev", "accounting-aws",
                    "vpc-06ca01b0b6488e435~~accounting-aws-spoke-dev", "us-east-1", "AWS", "transit-aws-us-east-1",
                    56134708L, 18411207L, 554405731L, 719922718L, "10.1.1.0/24"),
            new SpokeRow("accounting-aws-spoke-prod", "accounting-aws",
                    "vpc-0048eff309de2a237~~accounting-aws-spoke-prod", "us-east-1", "AWS", "transit-aws-us-east-1",
                    19545545L, 17406631L, 418152749L, 584042435L, "10.1.2.0/24"),
            new SpokeRow("accounting-aws-spoke-qa", "accounting-aws",
                    "vpc-012996d1d1ccc84c6~~accounting-aws-spoke-qa", "us-east-1", "AWS", "transit-aws-us-east-1",
                    19572668L, 17473125L, 418088169L, 574529418L, "10.1.3.0/24"),
            new SpokeRow("engineering-aws-spoke-dev", "engineering-aws",
                    "vpc-00d7badeb0dc80919~~engineering-aws-spoke-dev", "us-east-2", "AWS", "transit-aws-us-east-2",
                    0L, 0L, 552113927L, 712231585L, "172.16.0.0/24"),
            new SpokeRow("engineering-aws-spoke-prod", "engineering-aws",
                    "vpc-06ac2c64e8a70cc86~~engineering-aws-spoke-prod", "us-east-2", "AWS", "transit-aws-us-east-2",
                    0L, 0L, 486057218L, 666212191L, "172.20.10.0/24"),
            new SpokeRow("engineering-aws-spoke-qa", "engineering-aws",
                    "vpc-04e4b34603f490623~~engineering-aws-spoke-qa", "us-east-2", "AWS", "transit-aws-us-east-2",
                    0L, 0L, 484573914L, 666646677L, "172.31.255.0/24"),
            new SpokeRow("enterprise-data-gcp-spoke-dev", "enterprise-data-gcp",
                    "enterprise-data-gcp-spoke-dev~-~aviatrix-demo-dev", "us-west1", "Gcloud", "transit-gcp-us-west1",
                    28467054L, 24803719L, 704275164L, 781831316L, "192.168.0.0/24"),
            new SpokeRow("enterprise-data-gcp-spoke-prod", "enterprise-data-gcp",
                    "enterprise-data-gcp-spoke-prod~-~aviatrix-demo-dev", "us-west1", "Gcloud", "transit-gcp-us-west1",
                    22445596L, 20793036L, 695325660L, 757677475L, "192.168.20.0/24"),
            new SpokeRow("enterprise-data-gcp-spoke-qa", "enterprise-data-gcp",
                    "enterprise-data-gcp-spoke-qa~-~aviatrix-demo-dev", "us-west1", "Gcloud", "transit-gcp-us-west1",
                    18282227L, 18044887L, 685758454L, 736487242L, "192.168.255.0/24"),
            new SpokeRow("marketing-azure-spoke-all", "marketing-azure",
                    "marketing-azure-spoke-all:rg-av-marketing-azure-spoke-all-783434:5555b6f5-2ecf-4bc6-a5ae-07b964264407",
                    "North Europe", "Azure ARM", "transit-azure-north-europe",
                    51130926L, 52099106L, 45407228434L, 29312913260L, "10.2.2.0/24"),
            new SpokeRow("operations-aws-landing-zone", "operations-aws",
                    "vpc-0cccc2b3791e9be66~~operations-aws-landing-zone", "us-east-1", "AWS", "transit-aws-us-east-1",
                    148789661L, 149468818L, 440584093L, 685454018L, "10.1.4.0/24"),
            new SpokeRow("operations-aws-spoke-k8s", "operations-aws",
                    "vpc-03bca47bf62b22bf3~~operations-aws-spoke-k8s", "us-east-1", "AWS", "transit-aws-us-east-1",
                    37254232L, 55234928L, 17641598960L, 12986414363L, "10.1.5.0/24"),
            new SpokeRow("operations-azure-spoke-k8s", "operations-azure",
                    "operations-azure-spoke-k8s:rg-av-operations-azure-spoke-k8s-005307:df903132-f1eb-4259-b38e-f23fc94f1123",
                    "North Europe", "Azure ARM", "transit-azure-north-europe",
                    61605844L, 46371648L, 12436175118L, 8459548751L, "10.2.5.0/24"),
            new SpokeRow("operations-oci-spoke-shared", "operations-oci",
                    "ocid1.vcn.oc1.ap-singapore-1.amaaaaaaldcacyaaktoqqhfcr2onbzsvzbnntexhmdriapaek52ea37sqlzq~~operations-oci-spoke-shared",
                    "ap-singapore-1", "Oracle Cloud Infrastructure", "transit-oci-ap-singapore-1",
                    29477872L, 35339860L, 1829372144L, 2001398085L, "172.24.5.0/24"));

    private static final List<TransitRow> TRANSITS = List.of(
            new TransitRow("transit-aws-us-east-1", "network-aws",
                    "vpc-0a4f2c9e81b7d3e50~~transit-aws-us-east-1", "us-east-1", "AWS"),
            new TransitRow("transit-aws-us-east-2", "network-aws",
                    "vpc-0e19b7c4d2a85f316~~transit-aws-us-east-2", "us-east-2", "AWS"),
            new TransitRow("transit-gcp-us-west1", "network-gcp",
                    "transit-gcp-us-west1~-~aviatrix-demo-dev", "us-west1", "Gcloud"),
            new TransitRow("transit-azure-north-europe", "network-azure",
                    "transit-azure-north-europe:rg-av-transit-azure-north-europe-418210:5555b6f5-2ecf-4bc6-a5ae-07b964264407",
                    "North Europe", "Azure ARM"),
            new TransitRow("transit-oci-ap-singapore-1", "network-oci",
                    "ocid1.vcn.oc1.ap-singapore-1.amaaaaaaldcacyaa7x3kqbq2hzt5wobmnhf6ayqpjw4fe7xdd3cn5vg2z4mq~~transit-oci-ap-singapore-1",
                    "ap-singapore-1", "Oracle Cloud Infrastructure"));

    /** Where {@code $gw_type} comes capitalised, so that clients must lower-case it. */
    private static final List<String> CAPITALISED_TYPE = List.of(
            "marketing-azure-spoke-all", "operations-oci-spoke-shared", "transit-gcp-us-west1");

    private final long seed;
    private final Instant origin;
    private final Instant anchor;

    EstateCatalog(long seed, Instant origin, Instant anchor) {
        this.seed = seed;
        this.origin = origin;
        this.anchor = anchor;
    }

    List<Gateway> gateways(int extraSpokes) {
        List<Gateway> all = new ArrayList<>(SAMPLE_SPOKES.size() + TRANSITS.size() + extraSpokes);
        int index = 0;
        for (SpokeRow row : SAMPLE_SPOKES) {
            all.add(sampleSpoke(row));
            index++;
        }
        for (TransitRow row : TRANSITS) {
            all.add(transit(row, index++));
        }
        for (int k = 1; k <= extraSpokes; k++) {
            all.add(syntheticSpoke(k));
        }
        return all;
    }

    private Gateway sampleSpoke(SpokeRow row) {
        SplittableRandom rng = random(row.name());
        int peak = Gateway.peakSecondOfDay(row.region());
        List<GatewayInterface> tunnels = new ArrayList<>();
        if (row.internalRxWeek() > 0 || row.internalTxWeek() > 0) {
            double share = 0.55 + 0.25 * rng.nextDouble();
            tunnels.add(tunnel(rng, tunnelName(rng, 0), origin, peak,
                    share * row.internalRxWeek(), share * row.internalTxWeek()));
            tunnels.add(tunnel(rng, tunnelName(rng, 1), origin, peak,
                    (1 - share) * row.internalRxWeek(), (1 - share) * row.internalTxWeek()));
        }
        if (row.name().equals(Estate.LATE_TUNNEL_SPOKE)) {
            String name = String.format(Locale.ROOT, "tun-late-%08X", rng.nextInt() & 0xffffffffL);
            tunnels.add(tunnel(rng, name, anchor.plus(Estate.LATE_TUNNEL_AFTER_ANCHOR), peak,
                    0.5 * row.internalRxWeek(), 0.5 * row.internalTxWeek()));
        }
        List<GatewayInterface> openVpn = new ArrayList<>();
        if (row.name().equals(Estate.OPENVPN_SPOKE)) {
            openVpn.add(new GatewayInterface("tun0", GatewayInterface.Kind.OPENVPN, origin,
                    diurnal(rng, 35, peak), diurnal(rng, 95, peak)));
        }
        List<Reboot> reboots = row.name().equals(Estate.REBOOTED_SPOKE)
                ? List.of(new Reboot(anchor.plus(Estate.REBOOT_AFTER_ANCHOR),
                        anchor.plus(Estate.REBOOT_AFTER_ANCHOR).plus(Estate.REBOOT_DOWNTIME)))
                : List.of();
        List<GatewayInterface> interfaces = withEth0(rng, peak,
                row.egressRxWeek() / WEEK_SECONDS, row.egressTxWeek() / WEEK_SECONDS, tunnels, openVpn);
        return new Gateway(row.name(), Gateway.SPOKE, reportedType(row.name(), Gateway.SPOKE), row.account(),
                row.vpcId(), row.name(), row.region(), row.vendor(), row.transit(), row.name(), row.cidr(),
                interfaces, reboots, !row.name().equals(Estate.NO_METRICS_SPOKE));
    }

    /** Transits: eth0 and a peering tunnel to every other transit (their spoke attachments are not modelled). */
    private Gateway transit(TransitRow row, int index) {
        SplittableRandom rng = random(row.name());
        int peak = Gateway.peakSecondOfDay(row.region());
        List<GatewayInterface> tunnels = new ArrayList<>();
        for (int peer = 0; peer < TRANSITS.size() - 1; peer++) {
            double week = 150e6 + 300e6 * rng.nextDouble();
            tunnels.add(tunnel(rng, tunnelName(rng, 0), origin, peak, week, week * (0.8 + 0.4 * rng.nextDouble())));
        }
        double egressRx = (0.5e9 + 2e9 * rng.nextDouble()) / WEEK_SECONDS;
        double egressTx = egressRx * (0.6 + 0.6 * rng.nextDouble());
        return new Gateway(row.name(), Gateway.TRANSIT, reportedType(row.name(), Gateway.TRANSIT), row.account(),
                row.vpcId(), row.name(), row.region(), row.vendor(), "", row.name(), cidr(index),
                withEth0(rng, peak, egressRx, egressTx, tunnels, List.of()), List.of(), true);
    }

    /**
     * {@code sim-spoke-00001}…: spread over the five transits (and so over vendors and regions);
     * their VPC ids carry a VPC name that differs from the gateway name. Mostly hundreds of MB of
     * egress a week, one in twenty tens of GB.
     */
    private Gateway syntheticSpoke(int k) {
        String name = String.format(Locale.ROOT, "sim-spoke-%05d", k);
        String vpc = String.format(Locale.ROOT, "sim-vpc-%05d", k);
        SplittableRandom rng = random(name);
        TransitRow transit = TRANSITS.get(k % TRANSITS.size());
        int peak = Gateway.peakSecondOfDay(transit.region());
        boolean heavy = rng.nextInt(20) == 0;
        double egressWeek = heavy ? 1e10 * Math.pow(5, rng.nextDouble()) : 1.5e8 * Math.pow(20, rng.nextDouble());
        double internalWeek = egressWeek * (0.01 + 0.09 * rng.nextDouble());
        List<GatewayInterface> tunnels = new ArrayList<>();
        double share = 0.55 + 0.25 * rng.nextDouble();
        tunnels.add(tunnel(rng, tunnelName(rng, 0), origin, peak, share * internalWeek, share * internalWeek * 0.9));
        tunnels.add(tunnel(rng, tunnelName(rng, 1), origin, peak,
                (1 - share) * internalWeek, (1 - share) * internalWeek * 0.9));
        double egressRx = egressWeek / WEEK_SECONDS;
        double egressTx = egressRx * (0.6 + 0.8 * rng.nextDouble());
        String cloud = transit.name().split("-")[1];
        String account = String.format(Locale.ROOT, "sim-%s-account-%02d", cloud, k % 17);
        String type = k % 5 == 0 ? "Spoke" : Gateway.SPOKE;
        return new Gateway(name, Gateway.SPOKE, type, account, vpcId(rng, transit.vendor(), transit.region(), vpc), name,
                transit.region(), transit.vendor(), transit.name(), String.format(Locale.ROOT, "sim-group-%02d", k % 13),
                syntheticCidr(k), withEth0(rng, peak, egressRx, egressTx, tunnels, List.of()), List.of(), true);
    }

    /**
     * eth0 carries the egress, every tunnel's payload in both directions (from the tunnel's creation)
     * and a little overhead, so that {@code eth0 − Σ(tun_rx + tun_tx)} is the egress plus overhead:
     * always positive.
     */
    private List<GatewayInterface> withEth0(SplittableRandom rng, int peak, double egressRx, double egressTx,
                                            List<GatewayInterface> tunnels, List<GatewayInterface> others) {
        List<Traffic> rx = new ArrayList<>();
        List<Traffic> tx = new ArrayList<>();
        rx.add(diurnal(rng, Math.max(egressRx - OVERHEAD_BYTES_PER_SECOND, 1), peak));
        tx.add(diurnal(rng, Math.max(egressTx - OVERHEAD_BYTES_PER_SECOND, 1), peak));
        rx.add(diurnal(rng, OVERHEAD_BYTES_PER_SECOND, peak));
        tx.add(diurnal(rng, OVERHEAD_BYTES_PER_SECOND, peak));
        List<GatewayInterface> carried = new ArrayList<>(tunnels);
        carried.addAll(others);
        for (GatewayInterface carriedInterface : carried) {
            long created = carriedInterface.createdAt().getEpochSecond();
            for (Traffic payload : List.of(carriedInterface.rx(), carriedInterface.tx())) {
                rx.add(new Traffic.Since(created, payload));
                tx.add(new Traffic.Since(created, payload));
            }
        }
        List<GatewayInterface> interfaces = new ArrayList<>();
        interfaces.add(new GatewayInterface("eth0", GatewayInterface.Kind.ETH0, origin,
                new Traffic.Sum(rx), new Traffic.Sum(tx)));
        interfaces.addAll(carried);
        return interfaces;
    }

    private GatewayInterface tunnel(SplittableRandom rng, String name, Instant created, int peak,
                                    double rxWeek, double txWeek) {
        return new GatewayInterface(name, GatewayInterface.Kind.TUNNEL, created,
                diurnal(rng, Math.max(rxWeek / WEEK_SECONDS, 2), peak),
                diurnal(rng, Math.max(txWeek / WEEK_SECONDS, 2), peak));
    }

    /** A daily swing peaking within ±1.5 h of the region's early afternoon, and a weaker second harmonic. */
    private static Traffic diurnal(SplittableRandom rng, double mean, int peak) {
        double daily = 0.35 + 0.25 * rng.nextDouble();
        double halfDaily = 0.05 + 0.15 * rng.nextDouble();
        int dailyPeak = Math.floorMod(peak + rng.nextInt(-5400, 5401), Traffic.SECONDS_PER_DAY);
        int halfDailyPeak = rng.nextInt(Traffic.SECONDS_PER_DAY);
        return new Traffic.Diurnal(mean, daily, dailyPeak, halfDaily, halfDailyPeak);
    }

    private static String tunnelName(SplittableRandom rng, int leg) {
        return String.format(Locale.ROOT, "tun-%08X-%d", rng.nextInt() & 0xffffffffL, leg);
    }

    private static String vpcId(SplittableRandom rng, String vendor, String region, String vpcName) {
        return switch (vendor) {
            case "AWS" -> String.format(Locale.ROOT, "vpc-0%016x~~%s", rng.nextLong() >>> 4, vpcName);
            case "Gcloud" -> vpcName + "~-~sim-project-" + rng.nextInt(1, 9);
            case "Azure ARM" -> vpcName + ":rg-av-" + vpcName + "-" + String.format(Locale.ROOT, "%06d", rng.nextInt(1_000_000))
                    + ":" + new UUID(rng.nextLong(), rng.nextLong());
            default -> "ocid1.vcn.oc1." + region + ".amaaaaaa" + base32(rng, 52) + "~~" + vpcName;
        };
    }

    private static String base32(SplittableRandom rng, int length) {
        String alphabet = "abcdefghijklmnopqrstuvwxyz234567";
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(alphabet.charAt(rng.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    private static String reportedType(String name, String type) {
        return CAPITALISED_TYPE.contains(name) ? Character.toUpperCase(type.charAt(0)) + type.substring(1) : type;
    }

    /** Transits: 10.0.x.0/24, apart from every spoke's range. */
    private static String cidr(int index) {
        int n = index + 1;
        return "10." + ((n >> 8) & 0xff) + "." + (n & 0xff) + ".0/24";
    }

    /**
     * Synthetic spokes take the three RFC1918 flavours in turn, each apart from the sample spokes'
     * ranges: 10.64-191.x.0/24, 172.16-31.x.0/24 (x < 200), 192.168.100-249.0/24. Only the 192.168
     * flavour runs out early: past 450 synthetic spokes some of them overlap, as real VPCs do.
     */
    private static String syntheticCidr(int k) {
        return switch (k % 3) {
            case 0 -> "10." + (64 + (k / 256) % 128) + "." + (k % 256) + ".0/24";
            case 1 -> "172." + (16 + (k / 200) % 16) + "." + (k % 200) + ".0/24";
            default -> "192.168." + (100 + k % 150) + ".0/24";
        };
    }

    private SplittableRandom random(String gatewayName) {
        return new SplittableRandom(seed * 0x9E3779B97F4A7C15L ^ gatewayName.hashCode());
    }
}
