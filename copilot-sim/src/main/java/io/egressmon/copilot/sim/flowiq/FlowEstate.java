package io.egressmon.copilot.sim.flowiq;

import io.egressmon.avro.TalkerRole;
import io.egressmon.avro.FlowDirection;
import io.egressmon.copilot.sim.Estate;
import io.egressmon.copilot.sim.Gateway;
import io.egressmon.copilot.sim.GatewayInterface;
import io.egressmon.copilot.sim.Reboot;
import io.egressmon.copilot.sim.Traffic;
import io.egressmon.copilot.sim.flowiq.Conversation.Tier;
import io.egressmon.schemas.IpClass;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The FlowIQ side of an {@link Estate}: for every spoke a set of {@link Conversation}s whose flow
 * records exist at whole minutes, in closed form — nothing is stored per record, and any sum over a
 * range costs O(conversations), however long the range.
 *
 * <p>A record at minute {@code m} carries the bytes of {@code [m, m + 60 s)}. It exists when the
 * estate did ({@code m >= origin}), its minute is over by the clock ({@code m + 60 s <= now}), the
 * conversation was alive, and its gateway was up for the whole minute (the rebooted spoke has no
 * records for the minutes that touch its downtime).
 *
 * <p>What the default estate (the 14 sample spokes) is built to show, over any whole number of days:
 * <ul>
 *   <li>global top destinations and sources are the sample report's ({@code top_talkers_7d.csv}):
 *       23.185.0.3, 47.91.64.21, 23.39.42.173, …; 10.2.2.100, 10.2.2.40, 10.2.2.70, …, with its
 *       weekly bytes;</li>
 *   <li>near-ties around rank 10 whose bytes are split very differently between the two directions,
 *       so that the original script's "3×N per direction, then merge" loses the small half of some IPs (it falls
 *       below the 30th of its direction) and mis-ranks them. For N = 10, over 1, 7 or 30 days:
 *       globally 54.230.114.82 (rank 10, all but 33.5 MB/week outbound) drops out for 52.216.8.19
 *       (rank 11, balanced) and 54.230.114.5/.67 (ranks 8 and 9, each with ~30 MB/week outbound)
 *       swap; source 10.1.5.59 (rank 10, all but 35 MB/week inbound) drops out for 10.2.5.150
 *       (rank 11, balanced); on {@value #MARKETING} 13.107.42.14 (rank 10, all but 30 MB/week
 *       outbound) drops out for 20.190.151.7 (rank 11, balanced);</li>
 *   <li>internal hosts in all three RFC1918 ranges (the spoke's VPC range), public look-alikes
 *       ({@link #LOOK_ALIKES}), CGNAT peers ({@link #CGNAT_PEERS}) and east-west peers on other
 *       spokes, conversations started from outside, and a long tail of hundreds of small public peers
 *       per spoke — some shared between spokes, some alive only for days.</li>
 * </ul>
 * Synthetic spokes get a cheaper mix (a few dozen conversations), generated on first use.
 * Everything is deterministic in the estate's seed.
 */
public final class FlowEstate {

    public static final String MARKETING = "marketing-azure-spoke-all";
    public static final String OPS_AWS_K8S = Estate.REBOOTED_SPOKE;
    public static final String OPS_AZURE_K8S = "operations-azure-spoke-k8s";

    /** Public addresses right outside the private and CGNAT ranges: they are egress. */
    public static final List<String> LOOK_ALIKES = List.of("100.128.0.1", "100.63.255.254", "172.32.0.1",
            "172.15.255.254", "192.169.0.1", "192.167.255.254", "11.0.0.1", "9.255.255.254");

    /** Peers inside 100.64.0.0/10 (both its edges among them): never egress. */
    public static final List<String> CGNAT_PEERS = List.of("100.64.0.1", "100.127.255.254", "100.100.100.100",
            "100.72.9.3");

    static final long MINUTE = 60;
    private static final long WEEK = 7 * 86_400;
    private static final double GB = 1e9;
    private static final int TCP = 6;
    private static final int UDP = 17;

    /** A designed conversation: weekly bytes each way, in GB (10^9 bytes). */
    private record Designed(String spoke, Tier tier, String host, String peer, int port, int protocol,
                            double outGb, double inGb) {
    }

    /**
     * The head, tuned so that 7 days reproduce the sample report's top 10 destinations and sources
     * (bytes included) and carry the near-ties described above. Each peer's weekly total is the sum of
     * its rows; comments give the totals.
     */
    private static final List<Designed> DESIGNED = List.of(
            // 10.2.2.100: 35 032 320 124 B/week
            head(MARKETING, "10.2.2.100", "23.185.0.3", 1.30, 19.30),
            head(MARKETING, "10.2.2.100", "23.39.42.173", 0.55, 6.30),
            head(MARKETING, "10.2.2.100", "47.91.64.21", 4.20, 3.382320124),
            // 10.2.2.40: 20 144 438 134
            head(MARKETING, "10.2.2.40", "47.91.64.21", 4.50, 3.674893421),   // 47.91.64.21: 15 756 893 421
            head(MARKETING, "10.2.2.40", "23.185.0.3", 0.35, 5.939267504),    // 23.185.0.3: 26 889 267 504
            head(MARKETING, "10.2.2.40", "216.150.1.1", 0.40, 3.20),
            head(MARKETING, "10.2.2.40", "15.197.167.90", 1.10, 0.980277209),
            // 10.2.2.70: 13 512 054 273
            head(MARKETING, "10.2.2.70", "23.39.42.173", 0.50, 4.994761313),  // 23.39.42.173: 12 344 761 313
            head(MARKETING, "10.2.2.70", "3.33.186.135", 2.90, 2.380571749),  // 3.33.186.135: 5 280 571 749
            head(MARKETING, "10.2.2.70", "15.197.167.90", 1.50, 1.236721211),
            // marketing's own rank 7..11: 13.107.42.14 (rank 10) is almost all outbound, 20.190.151.7 balanced
            head(MARKETING, "10.2.2.21", "140.82.113.4", 0.90, 1.20),
            head(MARKETING, "10.2.2.22", "151.101.65.140", 0.07, 2.00),
            head(MARKETING, "10.2.2.23", "104.16.132.229", 0.05, 2.00),
            head(MARKETING, "10.2.2.24", "13.107.42.14", 2.00, 0.030),
            head(MARKETING, "10.2.2.25", "20.190.151.7", 1.00, 1.015),
            new Designed(MARKETING, Tier.LOOK_ALIKE, "10.2.2.26", "100.128.4.20", 443, TCP, 0.85, 1.00),
            new Designed(MARKETING, Tier.CGNAT, "10.2.2.100", "100.64.0.1", 443, TCP, 3.00, 6.00),
            new Designed(MARKETING, Tier.EAST_WEST, "10.2.2.100", "10.1.5.46", 5432, TCP, 4.00, 3.00),
            new Designed(MARKETING, Tier.EAST_WEST, "10.2.2.40", "172.16.0.20", 9092, TCP, 1.50, 0.50),
            new Designed(MARKETING, Tier.EAST_WEST, "10.2.2.70", "192.168.0.30", 6379, TCP, 0.40, 1.20),
            // 10.1.5.46: 6 468 218 334
            head(OPS_AWS_K8S, "10.1.5.46", "23.39.40.90", 0.35, 5.474117621),  // 23.39.40.90: 5 824 117 621
            head(OPS_AWS_K8S, "10.1.5.46", "52.94.236.248", 0.30, 0.344100713),
            // 10.1.5.12: 6 466 555 885
            head(OPS_AWS_K8S, "10.1.5.12", "54.230.114.67", 0.028, 4.527510589),  // 4 555 510 589
            head(OPS_AWS_K8S, "10.1.5.12", "15.197.167.90", 0.25, 0.204029314),   // 15.197.167.90: 5 271 027 734
            head(OPS_AWS_K8S, "10.1.5.12", "52.217.45.30", 0.90, 0.557015982),
            // 10.1.5.13: 6 462 224 436
            head(OPS_AWS_K8S, "10.1.5.13", "54.230.114.5", 0.030, 4.526677722),   // 4 556 677 722
            head(OPS_AWS_K8S, "10.1.5.13", "52.217.45.30", 1.20, 0.705546714),
            // 10.1.5.57: 4 236 247 825
            head(OPS_AWS_K8S, "10.1.5.57", "52.216.8.19", 2.26, 1.976247825),
            // 10.1.5.59: 4 235 390 926, of which only 35 MB outbound
            head(OPS_AWS_K8S, "10.1.5.59", "185.199.108.133", 0.020, 2.40),
            head(OPS_AWS_K8S, "10.1.5.59", "151.101.0.223", 0.015, 1.800390926),
            new Designed(OPS_AWS_K8S, Tier.LOOK_ALIKE, "10.1.5.80", "172.32.0.1", 443, TCP, 0.60, 0.90),
            new Designed(OPS_AWS_K8S, Tier.CGNAT, "10.1.5.46", "100.127.255.254", 443, TCP, 1.00, 2.00),
            // 10.2.5.141: 4 941 039 399
            head(OPS_AZURE_K8S, "10.2.5.141", "54.230.114.82", 2.40, 0.018),
            head(OPS_AZURE_K8S, "10.2.5.141", "216.150.1.1", 0.20, 1.536693864),  // 216.150.1.1: 5 336 693 864
            head(OPS_AZURE_K8S, "10.2.5.141", "52.216.8.19", 0.15, 0.1338),         // 52.216.8.19: 4 520 047 825
            head(OPS_AZURE_K8S, "10.2.5.141", "20.60.40.4", 0.30, 0.202545535),
            // 10.2.5.143: 4 936 300 998; 54.230.114.82: 4 533 464 586, of which only 33.5 MB inbound
            head(OPS_AZURE_K8S, "10.2.5.143", "54.230.114.82", 2.10, 0.015464586),
            head(OPS_AZURE_K8S, "10.2.5.143", "20.60.40.4", 1.50, 1.320836412),
            // 10.2.5.150: 4 220 000 000, balanced: rank 11 of the sources
            head(OPS_AZURE_K8S, "10.2.5.150", "20.150.38.228", 2.11, 2.11));

    private static Designed head(String spoke, String host, String peer, double outGb, double inGb) {
        return new Designed(spoke, Tier.HEAD, host, peer, 443, TCP, outGb, inGb);
    }

    /** Cloud and CDN prefixes the mid-sized peers come from. */
    private static final List<String> MID_PREFIXES = List.of("52.", "54.", "13.", "20.", "34.", "35.", "104.",
            "142.250.", "157.240.", "151.101.", "199.232.", "18.", "3.", "40.", "31.13.");

    private final Estate estate;
    private final Map<String, Gateway> spokes;
    private final Map<String, Integer> spokeIndex;
    private final Set<String> designedPeers;
    private final List<String> midPool;
    private final List<String> tailPool;
    private final Map<String, List<Conversation>> conversations = new ConcurrentHashMap<>();

    private FlowEstate(Estate estate) {
        this.estate = Objects.requireNonNull(estate, "estate");
        this.spokes = estate.spokes().stream().collect(Collectors.toMap(Gateway::name, Function.identity(),
                (a, b) -> a, LinkedHashMap::new));
        this.spokeIndex = new LinkedHashMap<>();
        spokes.keySet().forEach(name -> spokeIndex.put(name, spokeIndex.size()));
        this.designedPeers = new HashSet<>();
        DESIGNED.forEach(d -> designedPeers.add(d.peer()));
        designedPeers.addAll(LOOK_ALIKES);
        SplittableRandom rng = new SplittableRandom(estate.seed() * 0x9E3779B97F4A7C15L ^ 0x5EED_F10EL);
        Set<String> taken = new HashSet<>(designedPeers);
        this.midPool = new ArrayList<>();
        while (midPool.size() < 160) {
            String prefix = MID_PREFIXES.get(rng.nextInt(MID_PREFIXES.size()));
            StringBuilder ip = new StringBuilder(prefix);
            for (int octets = (int) prefix.chars().filter(c -> c == '.').count(); octets < 4; octets++) {
                ip.append(octets == 3 ? rng.nextInt(1, 255) : rng.nextInt(256));
                if (octets < 3) {
                    ip.append('.');
                }
            }
            if (taken.add(ip.toString())) {
                midPool.add(ip.toString());
            }
        }
        this.tailPool = new ArrayList<>();
        while (tailPool.size() < 3000) {
            String ip = randomPublic(rng);
            if (taken.add(ip)) {
                tailPool.add(ip);
            }
        }
    }

    /** The flows of {@code estate}'s spokes; cheap: a spoke's conversations are made when first needed. */
    public static FlowEstate of(Estate estate) {
        return new FlowEstate(estate);
    }

    public Estate estate() {
        return estate;
    }

    /** Names of the gateways that have flow records: the spokes, in the estate's order. */
    public List<String> spokes() {
        return List.copyOf(spokes.keySet());
    }

    /** A spoke's conversations; empty for a transit or a name the estate does not know. */
    public List<Conversation> conversations(String gateway) {
        Gateway spoke = spokes.get(gateway);
        if (spoke == null) {
            return List.of();
        }
        return conversations.computeIfAbsent(gateway, name -> List.copyOf(generate(spoke)));
    }

    /**
     * The bytes of a conversation's records in {@code direction} at the whole minutes
     * {@code firstMinute..lastMinute} (epoch seconds, inclusive) that exist by {@code now}.
     */
    public long bytes(Conversation conversation, FlowDirection direction, long firstMinute, long lastMinute,
                      Instant now) {
        long sum = 0;
        for (long[] span : recordMinutes(conversation.gateway(), firstMinute, lastMinute, now)) {
            sum += conversation.bytes(direction, span[0], span[1]);
        }
        return sum;
    }

    /** The one record of a conversation in {@code direction} at {@code minute}, if it exists by {@code now}. */
    public OptionalLong recordBytes(Conversation conversation, FlowDirection direction, Instant minute, Instant now) {
        long m = minute.getEpochSecond();
        if (minute.getNano() != 0 || m % MINUTE != 0 || m < conversation.firstMinute() || m > conversation.lastMinute()
                || recordMinutes(conversation.gateway(), m, m, now).isEmpty()) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(conversation.bytes(direction, m, m));
    }

    /**
     * The exact top-talker answer for the records at minutes {@code from <= m < to} that exist by
     * {@code now}; see {@link TalkerTruth}. Classifies each record with {@link IpClass}, the
     * project's one definition of RFC1918, CGNAT and public.
     */
    public TalkerTruth truth(Instant from, Instant to, Instant now) {
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("to " + to + " is before from " + from);
        }
        long first = firstMinuteAtOrAfter(from);
        long last = lastMinuteBefore(to);
        LinkedHashMap<String, TalkerTruth.Tally> tallies = new LinkedHashMap<>();
        for (String spoke : spokes.keySet()) {
            TalkerTruth.Tally tally = new TalkerTruth.Tally();
            List<long[]> spans = recordMinutes(spoke, first, last, now);
            if (!spans.isEmpty()) {
                for (Conversation conversation : conversations(spoke)) {
                    for (FlowDirection direction : FlowDirection.values()) {
                        count(tally, conversation.record(direction), sum(conversation, direction, spans));
                    }
                }
            }
            tallies.put(spoke, tally);
        }
        Set<String> others = estate.gateways().stream().map(Gateway::name).filter(n -> !spokes.containsKey(n))
                .collect(Collectors.toSet());
        return new TalkerTruth(from, to, tallies, others);
    }

    /** Credits a record's bytes the way the original script's two egress filters do. */
    private static void count(TalkerTruth.Tally tally, FlowRecord record, long bytes) {
        if (bytes == 0) {
            return;
        }
        IpClass src = IpClass.of(record.srcAddr());
        IpClass dst = IpClass.of(record.dstAddr());
        if (src == IpClass.INTERNAL && dst == IpClass.PUBLIC) {
            tally.add(TalkerRole.EXTERNAL, FlowDirection.OUTBOUND, record.dstAddr(), bytes);
            tally.add(TalkerRole.INTERNAL, FlowDirection.OUTBOUND, record.srcAddr(), bytes);
        } else if (src == IpClass.PUBLIC && dst == IpClass.INTERNAL) {
            tally.add(TalkerRole.EXTERNAL, FlowDirection.INBOUND, record.srcAddr(), bytes);
            tally.add(TalkerRole.INTERNAL, FlowDirection.INBOUND, record.dstAddr(), bytes);
        }
    }

    static long sum(Conversation conversation, FlowDirection direction, List<long[]> spans) {
        long sum = 0;
        for (long[] span : spans) {
            sum += conversation.bytes(direction, span[0], span[1]);
        }
        return sum;
    }

    /**
     * The whole minutes in {@code first..last} at which {@code gateway} has records by {@code now}, as
     * inclusive {@code [from, to]} spans: from the estate's origin, up to the last minute that ended
     * by {@code now}, minus the minutes that touch a reboot's downtime.
     */
    List<long[]> recordMinutes(String gateway, long first, long last, Instant now) {
        Gateway spoke = spokes.get(gateway);
        if (spoke == null) {
            return List.of();
        }
        long from = Math.max(first, estate.origin().getEpochSecond());
        long to = Math.min(last, Math.floorDiv(now.getEpochSecond() - MINUTE, MINUTE) * MINUTE);
        if (from > to) {
            return List.of();
        }
        List<long[]> spans = new ArrayList<>(1 + spoke.reboots().size());
        for (Reboot reboot : spoke.reboots()) {
            // A record's minute [m, m + 60) overlaps [down, up) when m >= down − 59 s and m < up.
            long firstGone = ceilMinute(reboot.down().getEpochSecond() - 59);
            long lastGone = floorMinute(reboot.up().getNano() > 0 ? reboot.up().getEpochSecond()
                    : reboot.up().getEpochSecond() - 1);
            if (firstGone > to || lastGone < from) {
                continue;
            }
            if (firstGone > from) {
                spans.add(new long[] {from, firstGone - MINUTE});
            }
            from = Math.max(from, lastGone + MINUTE);
        }
        if (from <= to) {
            spans.add(new long[] {from, to});
        }
        return spans;
    }

    /** The first whole minute at or after {@code t}, in epoch seconds. */
    static long firstMinuteAtOrAfter(Instant t) {
        return ceilMinute(t.getEpochSecond() + (t.getNano() > 0 ? 1 : 0));
    }

    /** The last whole minute at or before {@code t}. */
    static long lastMinuteAtOrBefore(Instant t) {
        return floorMinute(t.getEpochSecond());
    }

    /** The last whole minute strictly before {@code t}. */
    static long lastMinuteBefore(Instant t) {
        return floorMinute(t.getNano() > 0 ? t.getEpochSecond() : t.getEpochSecond() - 1);
    }

    private static long floorMinute(long epochSecond) {
        return Math.floorDiv(epochSecond, MINUTE) * MINUTE;
    }

    private static long ceilMinute(long epochSecond) {
        return -Math.floorDiv(-epochSecond, MINUTE) * MINUTE;
    }

    // ---- generation ----------------------------------------------------------------------------

    private List<Conversation> generate(Gateway spoke) {
        SplittableRandom rng = new SplittableRandom(estate.seed() * 0x9E3779B97F4A7C15L ^ spoke.name().hashCode()
                ^ 0xF1_0F1AL);
        Maker make = new Maker(spoke, rng);
        List<Conversation> list = new ArrayList<>();
        Set<String> peers = new HashSet<>();
        Set<String> reservedHosts = new HashSet<>();
        for (Designed d : DESIGNED) {
            if (d.spoke().equals(spoke.name())) {
                list.add(make.always(d.tier(), d.host(), d.peer(), d.port(), d.protocol(), true,
                        d.outGb() * GB, d.inGb() * GB));
                peers.add(d.peer());
                reservedHosts.add(d.host());
            }
        }
        boolean synthetic = spoke.name().startsWith("sim-spoke-");
        int index = spokeIndex.get(spoke.name());
        double egressWeek = egressBytesPerSecond(spoke) * WEEK;
        String prefix = spoke.cidr().substring(0, spoke.cidr().lastIndexOf('.') + 1);
        make.hosts(prefix, synthetic ? 6 : egressWeek > 5e9 ? 30 : 12, reservedHosts);

        int midCount = synthetic ? 6 : (int) Math.max(12, Math.min(40, 10 + egressWeek / 3e9));
        double midEach = 0.12 * egressWeek / midCount;
        for (int i = 0; i < midCount; i++) {
            String peer = synthetic ? randomPublic(rng) : midPool.get(rng.nextInt(midPool.size()));
            if (!designedPeers.contains(peer) && peers.add(peer)) {
                double week = midEach * (0.3 + 2.2 * square(rng.nextDouble()));
                list.add(make.split(Tier.MID, make.host(), peer, week, true, null));
            }
        }
        int tailCount = synthetic ? 40 : 200 + (int) Math.min(300, egressWeek / 2.5e8);
        for (int i = 0; i < tailCount; i++) {
            String peer = rng.nextDouble() < 0.4 ? tailPool.get(rng.nextInt(tailPool.size())) : randomPublic(rng);
            if (!designedPeers.contains(peer) && peers.add(peer)) {
                double week = logUniform(rng, 1e6, 1.5e7);
                list.add(make.split(Tier.TAIL, make.host(), peer, week, rng.nextDouble() >= 0.35, null));
            }
        }
        int lookAlikes = synthetic ? (rng.nextDouble() < 0.3 ? 1 : 0) : 2;
        for (int i = 0; i < lookAlikes; i++) {
            String peer = LOOK_ALIKES.get((2 * index + i + (synthetic ? rng.nextInt(8) : 0)) % LOOK_ALIKES.size());
            if (peers.add(peer)) {
                // Synthetic spokes share the eight look-alikes by the hundred: keep each one's share small.
                double week = synthetic ? logUniform(rng, 1e6, 2e7) : logUniform(rng, 5e7, 4e8);
                list.add(make.split(Tier.LOOK_ALIKE, make.host(), peer, week, true, null));
            }
        }
        if (!synthetic && peers.add("100.100.100.100")) {
            list.add(make.always(Tier.CGNAT, make.host(), "100.100.100.100", 53, UDP, true,
                    logUniform(rng, 5e6, 2e7), logUniform(rng, 2e7, 8e7)));
        }
        String cgnat = CGNAT_PEERS.get(index % CGNAT_PEERS.size());
        if (peers.add(cgnat)) {
            double week = (synthetic ? 0.05 : 0.1) * egressWeek;
            list.add(make.split(Tier.CGNAT, make.host(), cgnat, week, true, 443));
        }
        List<Gateway> all = List.copyOf(spokes.values());
        for (int i = 0; i < (synthetic ? 1 : 3) && all.size() > 1; i++) {
            Gateway other = all.get(rng.nextInt(all.size()));
            if (other == spoke) {
                continue;
            }
            String otherPrefix = other.cidr().substring(0, other.cidr().lastIndexOf('.') + 1);
            String peer = otherPrefix + rng.nextInt(100, 251);
            int port = List.of(5432, 6379, 9092, 443).get(rng.nextInt(4));
            if (peers.add(peer)) {
                list.add(make.split(Tier.EAST_WEST, make.host(), peer, 0.04 * egressWeek, true, port));
            }
        }
        if (spoke.name().equals(Estate.OPENVPN_SPOKE) || spoke.name().equals(OPS_AWS_K8S)) {
            String server = prefix + (spoke.name().equals(OPS_AWS_K8S) ? "80" : "20");
            for (int i = 0; i < 30; i++) {
                String client = randomPublic(rng);
                if (!designedPeers.contains(client) && peers.add(client)) {
                    list.add(make.always(Tier.CLIENT, server, client, 443, TCP, false,
                            logUniform(rng, 5e5, 5e6), logUniform(rng, 5e6, 5e7)));
                }
            }
        }
        return list;
    }

    /** Makes one spoke's conversations: hosts, ports, shapes, lives. */
    private final class Maker {

        private final Gateway spoke;
        private final SplittableRandom rng;
        private final int peak;
        private final long origin;
        private final List<String> hosts = new ArrayList<>();
        private double[] cumulativeWeights;

        Maker(Gateway spoke, SplittableRandom rng) {
            this.spoke = spoke;
            this.rng = rng;
            this.peak = Gateway.peakSecondOfDay(spoke.vpcRegion());
            this.origin = estate.origin().getEpochSecond();
        }

        /** {@code count} hosts of the spoke's /24, none of the designed ones; a few carry most traffic. */
        void hosts(String prefix, int count, Set<String> reserved) {
            while (hosts.size() < count) {
                String host = prefix + rng.nextInt(100, 251);
                if (!reserved.contains(host) && !hosts.contains(host)) {
                    hosts.add(host);
                }
            }
            cumulativeWeights = new double[count];
            double sum = 0;
            for (int i = 0; i < count; i++) {
                sum += 1 / Math.pow(i + 1, 0.8);
                cumulativeWeights[i] = sum;
            }
        }

        String host() {
            double x = rng.nextDouble() * cumulativeWeights[cumulativeWeights.length - 1];
            for (int i = 0; i < cumulativeWeights.length; i++) {
                if (x < cumulativeWeights[i]) {
                    return hosts.get(i);
                }
            }
            return hosts.get(hosts.size() - 1);
        }

        /**
         * {@code week} bytes a week split between the directions: mostly downloads (the response is
         * the bigger record), some uploads, a few balanced. {@code port} null picks a service port.
         */
        Conversation split(Tier tier, String host, String peer, double week, boolean alwaysAlive, Integer port) {
            double r = rng.nextDouble();
            double outShare = r < 0.7 ? 0.03 + 0.17 * rng.nextDouble()
                    : r < 0.9 ? 0.7 + 0.25 * rng.nextDouble()
                    : 0.4 + 0.2 * rng.nextDouble();
            int service;
            int protocol = TCP;
            if (port != null) {
                service = port;
            } else {
                double p = rng.nextDouble();
                service = p < 0.7 ? 443 : p < 0.8 ? 80 : p < 0.85 ? 53 : p < 0.88 ? 123 : p < 0.92 ? 22 : p < 0.95 ? 3478 : 8443;
                protocol = service == 53 || service == 123 || service == 3478 ? UDP : TCP;
            }
            if (alwaysAlive) {
                return always(tier, host, peer, service, protocol, true, outShare * week, (1 - outShare) * week);
            }
            long first = origin + MINUTE * rng.nextLong(Estate.HISTORY.toMinutes());
            long last = first + MINUTE * (rng.nextLong(1440, 15 * 1440) - 1);
            return conversation(tier, host, peer, service, protocol, true, outShare * week, (1 - outShare) * week,
                    first, last);
        }

        Conversation always(Tier tier, String host, String peer, int service, int protocol, boolean fromInside,
                            double outWeek, double inWeek) {
            return conversation(tier, host, peer, service, protocol, fromInside, outWeek, inWeek, origin,
                    Long.MAX_VALUE);
        }

        private Conversation conversation(Tier tier, String host, String peer, int service, int protocol,
                                          boolean fromInside, double outWeek, double inWeek, long first, long last) {
            int ephemeral = rng.nextInt(32768, 61000);
            int hostPort = fromInside ? ephemeral : service;
            int peerPort = fromInside ? service : ephemeral;
            FlowRecord outbound = new FlowRecord(host, peer, spoke.name(), hostPort, peerPort, protocol);
            FlowRecord inbound = new FlowRecord(peer, host, spoke.name(), peerPort, hostPort, protocol);
            return new Conversation(spoke.name(), tier, outbound, inbound, diurnal(outWeek / WEEK),
                    diurnal(inWeek / WEEK), first, last);
        }

        /** A daily swing peaking near the region's early afternoon, and a weaker second harmonic. */
        private Traffic diurnal(double mean) {
            double daily = 0.2 + 0.4 * rng.nextDouble();
            double halfDaily = 0.05 + 0.15 * rng.nextDouble();
            int dailyPeak = Math.floorMod(peak + rng.nextInt(-5400, 5401), Traffic.SECONDS_PER_DAY);
            return new Traffic.Diurnal(mean, daily, dailyPeak, halfDaily, rng.nextInt(Traffic.SECONDS_PER_DAY));
        }
    }

    /**
     * The spoke's egress rate by its counters (eth0 carries egress plus every tunnel's payload both
     * ways), so that a spoke's flows are about as big as its counters say.
     */
    private static double egressBytesPerSecond(Gateway spoke) {
        double eth0 = 0;
        double carried = 0;
        for (GatewayInterface iface : spoke.interfaces()) {
            double both = iface.rx().meanBytesPerSecond() + iface.tx().meanBytesPerSecond();
            if (iface.kind() == GatewayInterface.Kind.ETH0) {
                eth0 += both;
            } else {
                carried += both;
            }
        }
        return Math.max(eth0 - 2 * carried, 1000);
    }

    /** A routable-looking public address, away from the private, CGNAT and look-alike neighbourhoods. */
    private static String randomPublic(SplittableRandom rng) {
        while (true) {
            int a = rng.nextInt(1, 224);
            if (a == 10 || a == 100 || a == 127 || a == 169 || a == 172 || a == 192 || a == 9 || a == 11) {
                continue;
            }
            String ip = a + "." + rng.nextInt(256) + "." + rng.nextInt(256) + "." + rng.nextInt(1, 255);
            if (IpClass.of(ip) == IpClass.PUBLIC) {
                return ip;
            }
        }
    }

    private static double logUniform(SplittableRandom rng, double low, double high) {
        return low * Math.pow(high / low, rng.nextDouble());
    }

    private static double square(double x) {
        return x * x;
    }
}
