package io.egressmon.ingest.netflow.exporters;

import java.net.InetAddress;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiFunction;

/**
 * Bytes and packets per source IP and per destination IP: what the pcap holds (the truth), what nfdump
 * read, or what our decoder summed. Addresses are kept as {@link InetAddress#getHostAddress()} text, so
 * {@code 2001:db8::5} from nfdump and from Java compare equal.
 */
public record Totals(Map<String, Count> bySource, Map<String, Count> byDestination) {

    public record Count(long bytes, long packets) {
        Count plus(long moreBytes, long morePackets) {
            return new Count(bytes + moreBytes, packets + morePackets);
        }

        @Override
        public String toString() {
            return bytes + " B/" + packets + " pkt";
        }
    }

    public Totals {
        bySource = Map.copyOf(bySource);
        byDestination = Map.copyOf(byDestination);
    }

    public static String key(InetAddress address) {
        return address.getHostAddress();
    }

    static Totals of(Collection<Packet> packets) {
        Tally tally = new Tally();
        packets.forEach(p -> tally.add(p.src(), p.dst(), p.ipLength(), 1));
        return tally.totals();
    }

    /** Every count × {@code rate}: what a collector that scales 1-in-N samples should report. */
    public Totals times(long rate) {
        return new Totals(scale(bySource, rate), scale(byDestination, rate));
    }

    /** These totals without the given addresses (a pcap's padding). */
    Totals without(Set<String> addresses) {
        Map<String, Count> src = new TreeMap<>(bySource);
        Map<String, Count> dst = new TreeMap<>(byDestination);
        src.keySet().removeAll(addresses);
        dst.keySet().removeAll(addresses);
        return new Totals(src, dst);
    }

    public long totalBytes() {
        return bySource.values().stream().mapToLong(Count::bytes).sum();
    }

    long totalPackets() {
        return bySource.values().stream().mapToLong(Count::packets).sum();
    }

    /** One line per address where the two differ, "" when they agree; for failure messages. */
    String differencesFrom(Totals expected) {
        return differences("src", expected.bySource, bySource, (e, a) -> !e.equals(a))
            + differences("dst", expected.byDestination, byDestination, (e, a) -> !e.equals(a));
    }

    /** Lines for the addresses whose bytes or packets are further than {@code allowed} says from {@code expected}. */
    String differencesBeyond(Totals expected, BiFunction<Count, Count, Boolean> outOfBounds) {
        return differences("src", expected.bySource, bySource, outOfBounds)
            + differences("dst", expected.byDestination, byDestination, outOfBounds);
    }

    private static String differences(String side, Map<String, Count> expected, Map<String, Count> actual,
                                      BiFunction<Count, Count, Boolean> differ) {
        Set<String> keys = new TreeSet<>(expected.keySet());
        keys.addAll(actual.keySet());
        StringBuilder out = new StringBuilder();
        Count none = new Count(0, 0);
        for (String key : keys) {
            Count e = expected.getOrDefault(key, none);
            Count a = actual.getOrDefault(key, none);
            if (differ.apply(e, a)) {
                out.append(String.format("  %s %-40s expected %-22s got %s%n", side, key, e, a));
            }
        }
        return out.toString();
    }

    private static Map<String, Count> scale(Map<String, Count> counts, long rate) {
        Map<String, Count> out = new TreeMap<>();
        counts.forEach((k, c) -> out.put(k, new Count(c.bytes() * rate, c.packets() * rate)));
        return out;
    }

    @Override
    public String toString() {
        return "by source " + new TreeMap<>(bySource) + ", by destination " + new TreeMap<>(byDestination);
    }

    /** Adds flows or packets up; not thread-safe. */
    static final class Tally {
        private final Map<String, Count> bySource = new TreeMap<>();
        private final Map<String, Count> byDestination = new TreeMap<>();

        void add(InetAddress src, InetAddress dst, long bytes, long packets) {
            addSource(key(src), bytes, packets);
            addDestination(key(dst), bytes, packets);
        }

        void addSource(String src, long bytes, long packets) {
            bySource.merge(src, new Count(bytes, packets), (a, b) -> a.plus(b.bytes(), b.packets()));
        }

        void addDestination(String dst, long bytes, long packets) {
            byDestination.merge(dst, new Count(bytes, packets), (a, b) -> a.plus(b.bytes(), b.packets()));
        }

        Totals totals() {
            return new Totals(bySource, byDestination);
        }
    }
}
