package io.egressmon.copilot.sim.flowiq;

import io.egressmon.avro.TalkerRole;
import io.egressmon.avro.FlowDirection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The exact top-talker answer for a period: per spoke and for the whole estate, the bytes of every
 * external (public) IP and every internal source IP, counted the way the report scripts define it —
 * outbound records (RFC1918 source, public destination) credit the destination as external and the
 * source as internal; inbound records (public source, RFC1918 destination) credit the source as
 * external and the destination as internal. CGNAT peers and east-west traffic count nowhere.
 *
 * <p>"The period {@code [from, to)}" means the flow records at whole minutes {@code m} with
 * {@code from <= m < to} — exactly what field_agg returns for {@code gte = from},
 * {@code lte = to − 1 ms}, so a client that slices time that way and adds up exactly can match it
 * to the byte. Records exist only where the simulator's clock had passed their minute's end.
 *
 * <p>A {@code gateway} argument of {@code null} means the whole estate (per-spoke maps merged by IP,
 * bytes summed). A transit has no flow records (empty answers); a name the estate does not know is
 * an {@link IllegalArgumentException}.
 */
public final class TalkerTruth {

    /** A place in a ranking: 1-based rank, the IP, its bytes. */
    public record Ranked(int rank, String ip, long bytes) {
    }

    /** Bytes by IP for each role and direction. */
    static final class Tally {

        private final Map<String, Long>[][] bytes;

        @SuppressWarnings("unchecked")
        Tally() {
            bytes = new Map[TalkerRole.values().length][FlowDirection.values().length];
            for (Map<String, Long>[] byDirection : bytes) {
                for (int d = 0; d < byDirection.length; d++) {
                    byDirection[d] = new HashMap<>();
                }
            }
        }

        void add(TalkerRole role, FlowDirection direction, String ip, long amount) {
            bytes[role.ordinal()][direction.ordinal()].merge(ip, amount, Long::sum);
        }

        void addAll(Tally other) {
            for (TalkerRole role : TalkerRole.values()) {
                for (FlowDirection direction : FlowDirection.values()) {
                    other.map(role, direction).forEach((ip, amount) -> add(role, direction, ip, amount));
                }
            }
        }

        Map<String, Long> map(TalkerRole role, FlowDirection direction) {
            return bytes[role.ordinal()][direction.ordinal()];
        }
    }

    private final Instant from;
    private final Instant to;
    private final Map<String, Tally> spokes;
    private final Set<String> otherGateways;
    private final Tally estate;

    /** {@code spokes} in estate order; {@code otherGateways} are known gateways without flow records. */
    TalkerTruth(Instant from, Instant to, LinkedHashMap<String, Tally> spokes, Set<String> otherGateways) {
        this.from = Objects.requireNonNull(from, "from");
        this.to = Objects.requireNonNull(to, "to");
        this.spokes = Collections.unmodifiableMap(spokes);
        this.otherGateways = Set.copyOf(otherGateways);
        this.estate = new Tally();
        spokes.values().forEach(estate::addAll);
    }

    public Instant from() {
        return from;
    }

    public Instant to() {
        return to;
    }

    /** The spokes, in the estate's order: the gateways with flow records. */
    public List<String> gateways() {
        return List.copyOf(spokes.keySet());
    }

    /**
     * Bytes by IP for one role, one direction (or both, with {@code direction} null), one spoke (or
     * the estate, with {@code gateway} null). Only IPs with bytes are in it.
     */
    public Map<String, Long> bytes(String gateway, TalkerRole role, FlowDirection direction) {
        Objects.requireNonNull(role, "role");
        Tally tally = tally(gateway);
        if (tally == null) {
            return Map.of();
        }
        if (direction != null) {
            return Collections.unmodifiableMap(withoutZeros(tally.map(role, direction)));
        }
        Map<String, Long> both = new HashMap<>(tally.map(role, FlowDirection.OUTBOUND));
        tally.map(role, FlowDirection.INBOUND).forEach((ip, amount) -> both.merge(ip, amount, Long::sum));
        return Collections.unmodifiableMap(withoutZeros(both));
    }

    /** External (public) IPs and their bytes, both directions. */
    public Map<String, Long> destinations(String gateway) {
        return bytes(gateway, TalkerRole.EXTERNAL, null);
    }

    /** Internal source IPs and their bytes, both directions. */
    public Map<String, Long> sources(String gateway) {
        return bytes(gateway, TalkerRole.INTERNAL, null);
    }

    /** The {@code n} external IPs with the most bytes; ties by IP text, ascending. */
    public List<Ranked> topDestinations(String gateway, int n) {
        return rank(destinations(gateway), n);
    }

    /** The {@code n} internal sources with the most bytes; ties by IP text, ascending. */
    public List<Ranked> topSources(String gateway, int n) {
        return rank(sources(gateway), n);
    }

    public int distinctExternal(String gateway) {
        return destinations(gateway).size();
    }

    public int distinctInternal(String gateway) {
        return sources(gateway).size();
    }

    /** All egress bytes (the sum over external IPs, which equals the sum over internal ones). */
    public long egressBytes(String gateway) {
        return destinations(gateway).values().stream().mapToLong(Long::longValue).sum();
    }

    /** Ranks by bytes, descending, then by key text, ascending — the order field_agg uses. */
    public static List<Ranked> rank(Map<String, Long> bytes, int n) {
        if (n < 0) {
            throw new IllegalArgumentException("n must not be negative, got " + n);
        }
        List<Map.Entry<String, Long>> entries = new ArrayList<>(bytes.entrySet());
        entries.sort(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                .thenComparing(Map.Entry.comparingByKey()));
        List<Ranked> ranked = new ArrayList<>(Math.min(n, entries.size()));
        for (int i = 0; i < entries.size() && i < n; i++) {
            ranked.add(new Ranked(i + 1, entries.get(i).getKey(), entries.get(i).getValue()));
        }
        return List.copyOf(ranked);
    }

    private Tally tally(String gateway) {
        if (gateway == null) {
            return estate;
        }
        Tally tally = spokes.get(gateway);
        if (tally == null && !otherGateways.contains(gateway)) {
            throw new IllegalArgumentException("no gateway '" + gateway + "' in the estate");
        }
        return tally;
    }

    private static Map<String, Long> withoutZeros(Map<String, Long> bytes) {
        Map<String, Long> copy = new HashMap<>(bytes);
        copy.values().removeIf(amount -> amount == 0);
        return copy;
    }

    @Override
    public String toString() {
        return "TalkerTruth[" + from + ", " + to + "): " + spokes.size() + " spokes, "
                + estate.map(TalkerRole.EXTERNAL, FlowDirection.OUTBOUND).size() + " outbound destinations";
    }
}
