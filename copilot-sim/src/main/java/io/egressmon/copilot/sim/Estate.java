package io.egressmon.copilot.sim;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The synthetic estate and its counters, all in closed form.
 *
 * <p>Every interface is sampled once a minute, at whole epoch minutes, while its gateway is up and
 * from {@link #origin()} (or the interface's creation) on. An interface's life is cut into
 * <em>segments</em> by reboots; in a segment starting at {@code z} the counter at sample time
 * {@code t} is {@code floor(∫_z^t rate)}: zero when the segment starts, strictly growing after.
 * Because of that, min/max over a range is the first/last sample of each segment inside it —
 * O(segments), whatever the range's length — and nothing is stored per sample.
 *
 * <p>Special gateways (times relative to the anchor, the start instant floored to the minute):
 * <ul>
 *   <li>{@value #NO_METRICS_SPOKE}: no metrics at all, performance always {@code {"interfaces": {}}}</li>
 *   <li>{@value #REBOOTED_SPOKE}: down at anchor − 12 d + 17 min 23 s for 7 minutes, then every
 *       counter restarts from zero</li>
 *   <li>{@value #LATE_TUNNEL_SPOKE}: tunnel {@code tun-late-…} created at anchor − 9 d + 137 min
 *       (a whole minute: its first sample reads 0); no samples or route before</li>
 *   <li>{@value #OPENVPN_SPOKE}: an OpenVPN {@code tun0} interface that is not a transit tunnel</li>
 *   <li>the engineering-aws spokes have no tunnels (internal traffic 0, as in the sample report)</li>
 * </ul>
 */
public final class Estate {

    public static final String NO_METRICS_SPOKE = "engineering-aws-spoke-qa";
    public static final String REBOOTED_SPOKE = "operations-aws-spoke-k8s";
    public static final String LATE_TUNNEL_SPOKE = "accounting-aws-spoke-prod";
    public static final String OPENVPN_SPOKE = "operations-aws-landing-zone";

    /** How far back the estate exists: comfortably more than a 30-day backfill. */
    public static final Duration HISTORY = Duration.ofDays(45);
    /** When the rebooted spoke goes down, from the anchor; deliberately not on a minute boundary. */
    public static final Duration REBOOT_AFTER_ANCHOR = Duration.ofDays(-12).plusMinutes(17).plusSeconds(23);
    public static final Duration REBOOT_DOWNTIME = Duration.ofMinutes(7);
    /** When the late tunnel is created, from the anchor. */
    public static final Duration LATE_TUNNEL_AFTER_ANCHOR = Duration.ofDays(-9).plusMinutes(137);

    private static final long MINUTE = 60;

    private final Instant anchor;
    private final Instant origin;
    private final long seed;
    private final List<Gateway> gateways;
    private final Map<String, Gateway> byName;

    private Estate(Instant anchor, long seed, List<Gateway> gateways) {
        this.anchor = anchor;
        this.origin = anchor.minus(HISTORY);
        this.seed = seed;
        this.gateways = List.copyOf(gateways);
        this.byName = gateways.stream().collect(Collectors.toUnmodifiableMap(Gateway::name, Function.identity()));
    }

    /**
     * The estate anchored at {@code start} floored to the minute: the 14 sample spokes, their 5
     * transits and {@code extraSpokes} synthetic spokes.
     */
    public static Estate create(Instant start, long seed, int extraSpokes) {
        return create(start, seed, extraSpokes, List.of());
    }

    /**
     * {@link #create(Instant, long, int)} with {@code spikes} of extra egress: each adds its rate to
     * its spoke's eth0 transmit traffic, so readings, performance answers and ground truth all carry it.
     *
     * @throws IllegalArgumentException when a spike names no spoke of the estate
     */
    public static Estate create(Instant start, long seed, int extraSpokes, List<Spike> spikes) {
        Instant anchor = start.truncatedTo(ChronoUnit.MINUTES);
        List<Gateway> gateways = new ArrayList<>(new EstateCatalog(seed, anchor.minus(HISTORY), anchor).gateways(extraSpokes));
        for (Spike spike : spikes) {
            int i = indexOf(gateways, spike.gateway());
            if (i < 0 || !gateways.get(i).isSpoke()) {
                throw new IllegalArgumentException("a spike names '" + spike.gateway() + "', which is no spoke of the estate");
            }
            gateways.set(i, withSpike(gateways.get(i), spike));
        }
        return new Estate(anchor, seed, gateways);
    }

    private static int indexOf(List<Gateway> gateways, String name) {
        for (int i = 0; i < gateways.size(); i++) {
            if (gateways.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /** {@code gateway} with {@code spike}'s rate added to eth0's transmit traffic (egress to the internet). */
    private static Gateway withSpike(Gateway gateway, Spike spike) {
        List<GatewayInterface> interfaces = new ArrayList<>();
        for (GatewayInterface iface : gateway.interfaces()) {
            interfaces.add(iface.kind() != GatewayInterface.Kind.ETH0 ? iface
                    : new GatewayInterface(iface.name(), iface.kind(), iface.createdAt(), iface.rx(),
                            new Traffic.Sum(List.of(iface.tx(), spike.traffic()))));
        }
        return new Gateway(gateway.name(), gateway.type(), gateway.reportedType(), gateway.accountName(), gateway.vpcId(),
                gateway.controllerVpcName(), gateway.vpcRegion(), gateway.vendorName(), gateway.transitGwName(),
                gateway.groupName(), gateway.cidr(), interfaces, gateway.reboots(), gateway.hasMetrics());
    }

    public Instant anchor() {
        return anchor;
    }

    /** The first sample of every gateway (all counters read 0 there). */
    public Instant origin() {
        return origin;
    }

    public long seed() {
        return seed;
    }

    /** Sample spokes, then transits, then synthetic spokes. */
    public List<Gateway> gateways() {
        return gateways;
    }

    public List<Gateway> spokes() {
        return gateways.stream().filter(Gateway::isSpoke).toList();
    }

    public List<Gateway> transits() {
        return gateways.stream().filter(g -> !g.isSpoke()).toList();
    }

    public Optional<Gateway> gateway(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public Gateway require(String name) {
        return gateway(name).orElseThrow(() -> new NoSuchElementException("no gateway '" + name + "' in the estate"));
    }

    public Reboot reboot() {
        return require(REBOOTED_SPOKE).reboots().get(0);
    }

    public GatewayInterface lateTunnel() {
        return require(LATE_TUNNEL_SPOKE).interfaces().stream()
                .filter(i -> i.name().startsWith("tun-late-"))
                .findFirst()
                .orElseThrow();
    }

    /**
     * The sample of one interface at {@code at}, if there is one: {@code at} is a whole minute, the
     * gateway has metrics and was up, and the interface existed. Ignores "now" — a reading of the
     * future is what will be sampled then.
     */
    public Optional<Reading> reading(String gatewayName, String interfaceName, Instant at) {
        Gateway gateway = byName.get(gatewayName);
        if (gateway == null || !gateway.hasMetrics() || at.getNano() != 0 || at.getEpochSecond() % MINUTE != 0) {
            return Optional.empty();
        }
        Optional<GatewayInterface> iface = gateway.iface(interfaceName);
        if (iface.isEmpty()) {
            return Optional.empty();
        }
        long t = at.getEpochSecond();
        for (Segment segment : segments(gateway, iface.get())) {
            if (segment.firstSample() <= t && t <= segment.lastSample()) {
                return Optional.of(segment.reading(iface.get(), t));
            }
        }
        return Optional.empty();
    }

    /**
     * What the performance API answers for one gateway: per interface with at least one sample in
     * {@code [start, end]} (and not after {@code now}), min and max of each counter. Empty for an
     * unknown gateway, the no-metrics spoke, or a range without samples.
     */
    public Map<String, InterfaceRange> performance(String gatewayName, Instant start, Instant end, Instant now) {
        Gateway gateway = byName.get(gatewayName);
        if (gateway == null || !gateway.hasMetrics()) {
            return Map.of();
        }
        long from = ceilMinute(start);
        long to = Math.min(floorMinute(end), floorMinute(now));
        if (from > to) {
            return Map.of();
        }
        Map<String, InterfaceRange> result = new LinkedHashMap<>();
        for (GatewayInterface iface : gateway.interfaces()) {
            long minRx = Long.MAX_VALUE;
            long maxRx = Long.MIN_VALUE;
            long minTx = Long.MAX_VALUE;
            long maxTx = Long.MIN_VALUE;
            boolean sampled = false;
            for (Segment segment : segments(gateway, iface)) {
                long lo = Math.max(from, segment.firstSample());
                long hi = Math.min(to, segment.lastSample());
                if (lo > hi) {
                    continue;
                }
                // Monotone inside a segment: its first sample in range is its min, its last its max.
                Reading first = segment.reading(iface, lo);
                Reading last = segment.reading(iface, hi);
                minRx = Math.min(minRx, first.rxBytes());
                minTx = Math.min(minTx, first.txBytes());
                maxRx = Math.max(maxRx, last.rxBytes());
                maxTx = Math.max(maxTx, last.txBytes());
                sampled = true;
            }
            if (sampled) {
                result.put(iface.name(), new InterfaceRange(new CounterRange(minRx, maxRx), new CounterRange(minTx, maxTx)));
            }
        }
        return Collections.unmodifiableMap(result);
    }

    /**
     * What every gateway's counters recorded in {@code (from, to]}, as a reader with a reading at
     * every whole minute up to {@code now} adds it up. Per segment: the last sample not after
     * {@code to}, minus the last sample not after {@code from} when the segment has one — else
     * minus zero, because the segment's counter started at zero (after a reboot, at a tunnel's
     * creation, at the origin). Bytes between a segment's last sample and the reboot are never
     * sampled, so they count nowhere.
     */
    public GroundTruth truth(Instant from, Instant to, Instant now) {
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("to " + to + " is before from " + from);
        }
        long nowMinute = floorMinute(now);
        long fromMinute = Math.min(floorMinute(from), nowMinute);
        long toMinute = Math.min(floorMinute(to), nowMinute);
        TreeMap<String, GatewayTruth> result = new TreeMap<>();
        for (Gateway gateway : gateways) {
            result.put(gateway.name(), truth(gateway, from, fromMinute, toMinute));
        }
        return new GroundTruth(from, to, result);
    }

    private GatewayTruth truth(Gateway gateway, Instant from, long fromMinute, long toMinute) {
        Map<String, InterfaceDelta> deltas = new LinkedHashMap<>();
        long eth0Rx = 0;
        long eth0Tx = 0;
        long tunnelRx = 0;
        long tunnelTx = 0;
        int reboots = 0;
        if (gateway.hasMetrics()) {
            for (GatewayInterface iface : gateway.interfaces()) {
                long rx = 0;
                long tx = 0;
                boolean sampled = false;
                for (Segment segment : segments(gateway, iface)) {
                    long last = Math.min(toMinute, segment.lastSample());
                    if (last < segment.firstSample()) {
                        continue;
                    }
                    sampled = true;
                    Reading end = segment.reading(iface, last);
                    Reading base = segment.firstSample() <= fromMinute
                            ? segment.reading(iface, Math.min(fromMinute, segment.lastSample()))
                            : new Reading(0, 0);
                    rx += end.rxBytes() - base.rxBytes();
                    tx += end.txBytes() - base.txBytes();
                }
                if (sampled) {
                    deltas.put(iface.name(), new InterfaceDelta(rx, tx));
                }
                switch (iface.kind()) {
                    case ETH0 -> {
                        eth0Rx += rx;
                        eth0Tx += tx;
                    }
                    case TUNNEL -> {
                        tunnelRx += rx;
                        tunnelTx += tx;
                    }
                    case OPENVPN -> { }
                }
            }
            for (Reboot reboot : gateway.reboots()) {
                long firstAfter = ceilMinute(reboot.up());
                if (Instant.ofEpochSecond(firstAfter).isAfter(from) && firstAfter <= toMinute) {
                    reboots++;
                }
            }
        }
        return new GatewayTruth(gateway.name(), gateway.type(), eth0Rx, eth0Tx, tunnelRx, tunnelTx, reboots, deltas);
    }

    /**
     * The interface's life cut by the gateway's reboots. A segment's counter is zero at
     * {@code zeroAt}; it is sampled at the whole minutes {@code firstSample..lastSample}
     * ({@code lastSample} is {@link Long#MAX_VALUE} for the open last segment).
     */
    private List<Segment> segments(Gateway gateway, GatewayInterface iface) {
        List<Segment> segments = new ArrayList<>(gateway.reboots().size() + 1);
        long start = Math.max(iface.createdAt().getEpochSecond(), origin.getEpochSecond());
        for (Reboot reboot : gateway.reboots()) {
            long down = reboot.down().getEpochSecond();
            long up = ceilSecond(reboot.up());
            if (down <= start) {
                start = Math.max(start, up);
                continue;
            }
            addIfSampled(segments, new Segment(start, ceilMinute(start), floorMinute(down - 1)));
            start = up;
        }
        addIfSampled(segments, new Segment(start, ceilMinute(start), Long.MAX_VALUE));
        return segments;
    }

    private static void addIfSampled(List<Segment> segments, Segment segment) {
        if (segment.firstSample() <= segment.lastSample()) {
            segments.add(segment);
        }
    }

    private record Segment(long zeroAt, long firstSample, long lastSample) {

        Reading reading(GatewayInterface iface, long t) {
            return new Reading(counter(iface.rx(), t), counter(iface.tx(), t));
        }

        private long counter(Traffic traffic, long t) {
            return (long) Math.floor(traffic.bytesBetween(zeroAt, t));
        }
    }

    static long floorMinute(Instant instant) {
        return floorMinute(instant.getEpochSecond());
    }

    private static long floorMinute(long epochSecond) {
        return Math.floorDiv(epochSecond, MINUTE) * MINUTE;
    }

    static long ceilMinute(Instant instant) {
        return ceilMinute(ceilSecond(instant));
    }

    private static long ceilMinute(long epochSecond) {
        return -Math.floorDiv(-epochSecond, MINUTE) * MINUTE;
    }

    private static long ceilSecond(Instant instant) {
        return instant.getEpochSecond() + (instant.getNano() > 0 ? 1 : 0);
    }
}
