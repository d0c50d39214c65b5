package io.egressmon.ingest.netflow.exporters;

import io.egressmon.ingest.netflow.exporters.Capture.Datagram;
import io.egressmon.ingest.netflow.exporters.OpenVswitch.PortCounters;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Each real exporter run once per test JVM over the same {@link TrafficPlan}, its datagrams kept: the
 * ground-truth tests and the decoder tests read the very same bytes, and nfdump is sent them too.
 * Everything lives in one temporary directory ({@code /tmp/rx-exporters-*}).
 */
public final class Replays {
    /**
     * Two seconds before the last whole minute at least thirty seconds ago (32–92 s ago): recent, so
     * exporters' uptime arithmetic stays realistic, and the plan's flows (~4.5 s) straddle that minute, so
     * flow stores that split flows by minute are tested on it.
     */
    public static final Instant START = Instant.now().minusSeconds(30).truncatedTo(ChronoUnit.MINUTES).minusSeconds(2);
    public static final TrafficPlan PLAN = TrafficPlan.egressMix(START);

    /**
     * One exporter's run.
     *
     * @param counted      what the exporter should report, unscaled: the truth over the packets it took
     * @param packets      the packets behind {@code counted} (for truths other than per-IP totals)
     * @param samplingRate 1, or N when it took 1 in N packets (then {@code counted × N} estimates the truth)
     * @param ovsPort      Open vSwitch's own p1 counters over the injection; null for other exporters
     */
    public record Export(String name, List<Datagram> datagrams, Totals counted, List<Packet> packets, long samplingRate,
                         Duration took, PortCounters ovsPort) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final Map<String, Export> EXPORTS = new HashMap<>();
    private static final Map<String, Totals> NFDUMP = new HashMap<>();
    private static final Map<String, List<Nfdump.Pair>> NFDUMP_PAIRS = new HashMap<>();
    private static Path dir;

    private Replays() {
    }

    public static synchronized Export softflowd(Softflowd.Variant variant) {
        return once(variant.toString(), () -> {
            boolean v4only = variant.version() == Softflowd.Version.V5;
            TrafficPlan plan = v4only ? PLAN.ipv4Only() : PLAN;
            List<Packet> packets = plan.packets();
            Path pcap = PcapWriter.write(dir().resolve(v4only ? "ipv4.pcap" : "all.pcap"), packets);
            int n = variant.sampling();
            List<Packet> taken = java.util.stream.IntStream.range(0, packets.size())
                .filter(i -> Softflowd.sampledIn(i, n)).mapToObj(packets::get).toList();
            long t0 = System.nanoTime();
            List<Datagram> datagrams = Softflowd.export(pcap, variant);
            return new Export(variant.toString(), datagrams, Totals.of(taken), taken, n, since(t0), null);
        });
    }

    /** softflowd (IPFIX) replaying {@code plan}, under {@code name}. */
    public static synchronized Export softflowdOf(String name, TrafficPlan plan) {
        return once(name, () -> {
            List<Packet> packets = plan.packets();
            Path pcap = PcapWriter.write(subdirectory(name).resolve("plan.pcap"), packets);
            long t0 = System.nanoTime();
            List<Datagram> datagrams = Softflowd.export(pcap, new Softflowd.Variant(Softflowd.Version.IPFIX, false, 1));
            return new Export(name, datagrams, Totals.of(packets), packets, 1, since(t0), null);
        });
    }

    public static synchronized Export pmacctdIpfix() {
        return once("pmacctd nfprobe IPFIX", () -> {
            long t0 = System.nanoTime();
            List<Datagram> datagrams = Pmacctd.nfprobe(allPcap(), 10, dir());
            return new Export("pmacctd nfprobe IPFIX", datagrams, PLAN.truth(), PLAN.packets(), 1, since(t0), null);
        });
    }

    /** sFlow from pmacctd's sfprobe; at rates above 1 it samples at random, so {@code counted} is the whole truth. */
    public static synchronized Export sfprobe(int rate) {
        String name = "pmacctd sfprobe sFlow 1-in-" + rate;
        return once(name, () -> {
            long t0 = System.nanoTime();
            List<Packet> packets = new java.util.ArrayList<>(PLAN.packets());
            packets.addAll(tail(packets.get(packets.size() - 1).timestampMicros()));
            Path pcap = dir().resolve("sfprobe.pcap");
            List<Datagram> datagrams = Pmacctd.sfprobe(Files.exists(pcap) ? pcap : PcapWriter.write(pcap, packets), rate, dir());
            return new Export(name, datagrams, PLAN.truth(), PLAN.packets(), rate, since(t0), null);
        });
    }

    /** 32 small packets a second after {@code lastMicros}, for exporters that lose a pcap's last packets. */
    private static List<Packet> tail(long lastMicros) {
        int[] sizes = new int[32];
        java.util.Arrays.fill(sizes, 18);
        return TrafficPlan.startingAt(Instant.ofEpochSecond(0, (lastMicros + 1_000_000) * 1_000))
            .udp("192.0.2.1", 9, "192.0.2.2", 9, sizes).packets();
    }

    /** Open vSwitch's IPFIX: the daemons are started, fed the plan's frames and stopped within this call. */
    public static synchronized Export ovsIpfix() {
        return once("Open vSwitch IPFIX", () -> {
            long t0 = System.nanoTime();
            try (OpenVswitch ovs = OpenVswitch.start(subdirectory("rx-ovs"))) {
                PortCounters before = ovs.p1();
                List<Datagram> datagrams = ovs.exportIpfix(PLAN.packets());
                PortCounters after = ovs.p1();
                PortCounters injected = new PortCounters(after.packets() - before.packets(), after.bytes() - before.bytes());
                return new Export("Open vSwitch IPFIX", datagrams, PLAN.truth(), PLAN.packets(), 1, since(t0), injected);
            }
        });
    }

    /** What nfdump reads from the export's datagrams (raw counts: nfdump does not scale sampled exports). */
    public static synchronized Totals nfdump(Export export) {
        return NFDUMP.computeIfAbsent(export.name(),
            name -> Nfdump.read(export.datagrams(), subdirectory("nf-" + name.replaceAll("[^A-Za-z0-9]+", "-"))));
    }

    /** What nfdump reads from the export's datagrams per source and destination pair (raw counts, as {@link #nfdump}). */
    public static synchronized List<Nfdump.Pair> nfdumpPairs(Export export) {
        return NFDUMP_PAIRS.computeIfAbsent(export.name(),
            name -> Nfdump.readPairs(export.datagrams(), subdirectory("nfp-" + name.replaceAll("[^A-Za-z0-9]+", "-"))));
    }

    private static Export once(String name, Supplier<Export> run) {
        Export export = EXPORTS.get(name);
        if (export == null) {
            export = run.get();
            EXPORTS.put(name, export);
        }
        return export;
    }

    private static Path allPcap() {
        Path pcap = dir().resolve("all.pcap");
        return Files.exists(pcap) ? pcap : PcapWriter.write(pcap, PLAN.packets());
    }

    private static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    private static Path subdirectory(String name) {
        try {
            return Files.createDirectories(dir().resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + name + " under " + dir, e);
        }
    }

    private static Path dir() {
        if (dir == null) {
            try {
                dir = Files.createTempDirectory("rx-exporters-");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create a temporary directory", e);
            }
        }
        return dir;
    }
}
