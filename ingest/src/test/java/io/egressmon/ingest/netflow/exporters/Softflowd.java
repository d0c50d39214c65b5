package io.egressmon.ingest.netflow.exporters;

import io.egressmon.ingest.netflow.exporters.Capture.Datagram;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * softflowd 1.1.0 replaying a pcap: it reads the file, flushes every flow at its end, sends and exits
 * (~25 ms). Never given {@code -c}: after {@code -r} that re-opens the control socket and softflowd then
 * waits forever.
 */
public final class Softflowd {
    /** The export format; the number is softflowd's {@code -v}. */
    public enum Version {
        V5(5), V9(9), IPFIX(10);

        final int flag;

        Version(int flag) {
            this.flag = flag;
        }
    }

    /** One way to run softflowd: format, absolute-millisecond times ({@code -A milli}), 1-in-N sampling ({@code -s N}, 1 = off). */
    public record Variant(Version version, boolean absoluteMillis, int sampling) {
        @Override
        public String toString() {
            return "softflowd " + version + (absoluteMillis ? " -A milli" : "") + (sampling > 1 ? " -s " + sampling : "");
        }
    }

    private Softflowd() {
    }

    /** The variants every test runs: each format, v5 IPv4 only; IPFIX also with {@code -A milli}; v9 and IPFIX also 1-in-2. */
    public static List<Variant> variants() {
        return List.of(new Variant(Version.V5, false, 1), new Variant(Version.V9, false, 1),
            new Variant(Version.IPFIX, false, 1), new Variant(Version.IPFIX, true, 1),
            new Variant(Version.V9, false, 2), new Variant(Version.IPFIX, false, 2));
    }

    /** Replays {@code pcap} through softflowd to a fresh socket and returns every datagram it sent. */
    static List<Datagram> export(Path pcap, Variant variant) {
        String softflowd = Command.require("softflowd", "softflowd");
        try (Capture capture = Capture.open()) {
            List<String> argv = new ArrayList<>(List.of(softflowd, "-r", pcap.toString(), "-n", capture.target(),
                "-v", Integer.toString(variant.version().flag)));
            if (variant.absoluteMillis()) {
                argv.addAll(List.of("-A", "milli"));
            }
            if (variant.sampling() > 1) {
                argv.addAll(List.of("-s", Integer.toString(variant.sampling())));
            }
            Command.check(Duration.ofSeconds(20), argv.toArray(String[]::new));
            return capture.awaitQuiet(Duration.ofMillis(200));
        }
    }

    /**
     * Whether softflowd's deterministic 1-in-{@code n} sampler keeps the packet at {@code index} (0-based, in
     * pcap order): it keeps the first and every n-th after it, and sends the kept packets' counts unscaled.
     */
    public static boolean sampledIn(int index, int n) {
        return index % n == 0;
    }
}
