package io.egressmon.app;

import io.egressmon.api.talkers.SpokeTalkers;
import io.egressmon.api.talkers.TalkerRow;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One spoke's top talkers as the tests state them, independently of the streams app's code: bytes by IP
 * of the egress flows only — one end RFC 1918 (IPv4) or ULA fc00::/7 (IPv6), the other end anything else
 * (every other address in these tests is public) — with the public end a destination (EXTERNAL) and the
 * internal end a source (INTERNAL), whichever way the flow ran. IPs are keyed as
 * {@link InetAddress#getHostAddress()} spells them, so the API's RFC 5952 IPv6 and Java's compare equal.
 *
 * @param destinations bytes by public IP
 * @param sources      bytes by internal IP
 */
record EgressTalkers(Map<String, Long> destinations, Map<String, Long> sources) {

    static final EgressTalkers NONE = new EgressTalkers(Map.of(), Map.of());

    EgressTalkers {
        destinations = Map.copyOf(destinations);
        sources = Map.copyOf(sources);
    }

    /** Adds flows (or packets) up; not thread-safe. */
    static final class Tally {
        private final Map<String, Long> destinations = new TreeMap<>();
        private final Map<String, Long> sources = new TreeMap<>();

        /** Adds {@code bytes} from {@code src} to {@code dst}, if that is egress. */
        Tally add(InetAddress src, InetAddress dst, long bytes) {
            if (internal(src) && !internal(dst)) {
                count(dst, src, bytes);
            } else if (!internal(src) && internal(dst)) {
                count(src, dst, bytes);
            }
            return this;
        }

        Tally add(String src, String dst, long bytes) {
            return add(address(src), address(dst), bytes);
        }

        private void count(InetAddress publicEnd, InetAddress internalEnd, long bytes) {
            destinations.merge(publicEnd.getHostAddress(), bytes, Long::sum);
            sources.merge(internalEnd.getHostAddress(), bytes, Long::sum);
        }

        EgressTalkers talkers() {
            return new EgressTalkers(destinations, sources);
        }
    }

    static boolean internal(InetAddress a) {
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) {
            int b0 = b[0] & 0xFF;
            int b1 = b[1] & 0xFF;
            return b0 == 10 || (b0 == 172 && (b1 & 0xF0) == 16) || (b0 == 192 && b1 == 168);
        }
        return (b[0] & 0xFE) == 0xFC;
    }

    /** What one spoke's rows of a per-spoke answer say (NONE when the spoke is not in it). */
    static EgressTalkers of(SpokeTalkers spoke) {
        return spoke == null ? NONE : new EgressTalkers(bytesByIp(spoke.destinations()), bytesByIp(spoke.sources()));
    }

    /** The packets of one spoke's rows (0 for a row without them): the same shape, packets for bytes. */
    static EgressTalkers packetsOf(SpokeTalkers spoke) {
        return spoke == null ? NONE : new EgressTalkers(packetsByIp(spoke.destinations()), packetsByIp(spoke.sources()));
    }

    private static Map<String, Long> packetsByIp(List<TalkerRow> rows) {
        Map<String, Long> out = new TreeMap<>();
        rows.forEach(r -> out.put(key(r.ip()), r.packets() == null ? 0 : r.packets()));
        return out;
    }

    /** Sums of per-minute (or per-spoke) talkers. */
    static EgressTalkers sum(List<EgressTalkers> parts) {
        Map<String, Long> destinations = new TreeMap<>();
        Map<String, Long> sources = new TreeMap<>();
        for (EgressTalkers p : parts) {
            p.destinations.forEach((ip, bytes) -> destinations.merge(ip, bytes, Long::sum));
            p.sources.forEach((ip, bytes) -> sources.merge(ip, bytes, Long::sum));
        }
        return new EgressTalkers(destinations, sources);
    }

    /** Every count × {@code rate}: what a collector that scales 1-in-N samples should report. */
    EgressTalkers times(long rate) {
        Map<String, Long> destinations = new TreeMap<>();
        Map<String, Long> sources = new TreeMap<>();
        this.destinations.forEach((ip, bytes) -> destinations.put(ip, bytes * rate));
        this.sources.forEach((ip, bytes) -> sources.put(ip, bytes * rate));
        return new EgressTalkers(destinations, sources);
    }

    boolean isEmpty() {
        return destinations.isEmpty() && sources.isEmpty();
    }

    /** The ranking the API gives: bytes descending, then IP; each row {@code ip=bytes}. */
    static List<String> ranked(Map<String, Long> bytesByIp) {
        List<Map.Entry<String, Long>> entries = new ArrayList<>(bytesByIp.entrySet());
        entries.sort(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()));
        return entries.stream().map(e -> e.getKey() + "=" + e.getValue()).toList();
    }

    /** The rows of an answer's ranking, in its order, as {@code ip=bytes}. */
    static List<String> rows(List<TalkerRow> rows) {
        return rows.stream().map(r -> key(r.ip()) + "=" + r.bytes()).toList();
    }

    /** One line per IP whose bytes differ (a missing IP counts 0), "" when both agree; for failure messages. */
    String differencesFrom(EgressTalkers expected) {
        return differences("destination", expected.destinations, destinations)
                + differences("source", expected.sources, sources);
    }

    private static String differences(String role, Map<String, Long> expected, Map<String, Long> actual) {
        Set<String> ips = new TreeSet<>(expected.keySet());
        ips.addAll(actual.keySet());
        StringBuilder out = new StringBuilder();
        for (String ip : ips) {
            long e = expected.getOrDefault(ip, 0L);
            long a = actual.getOrDefault(ip, 0L);
            if (e != a || expected.containsKey(ip) != actual.containsKey(ip)) {
                out.append(String.format("  %-11s %-40s expected %12d got %12d%n", role, ip, e, a));
            }
        }
        return out.toString();
    }

    private static Map<String, Long> bytesByIp(List<TalkerRow> rows) {
        Map<String, Long> out = new TreeMap<>();
        for (TalkerRow r : rows) {
            if (out.put(key(r.ip()), r.bytes()) != null) {
                throw new AssertionError("a ranking lists " + r.ip() + " twice: " + rows);
            }
        }
        return out;
    }

    static String key(String ip) {
        return address(ip).getHostAddress();
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new AssertionError("not an IP literal: " + literal, e);
        }
    }
}
