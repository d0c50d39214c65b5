package io.egressmon.ingest.netflow.exporters;

import io.egressmon.ingest.netflow.exporters.Capture.Datagram;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * pmacct 1.7.7's pmacctd replaying a pcap ({@code pcap_savefile}) into one plugin: {@code nfprobe}
 * (NetFlow v5/v9/IPFIX with 8-byte counters, absolute-ms times and an options template 4096 carrying
 * IE 48/49/50) or {@code sfprobe} (sFlow v5 flow samples with raw packet headers). It flushes and exits
 * by itself, ~4 s after the start.
 *
 * <p>sfprobe loses the pcap's last two or three packets (its own sample pool stops short of them, no
 * drops reported): replay it a pcap with a tail of {@link #TAIL} packets between two TEST-NET-1
 * addresses after the packets that count, and leave those addresses out.
 */
public final class Pmacctd {
    /** The tail's addresses: 192.0.2.1 → 192.0.2.2, UDP, a second after the last packet that counts. */
    public static final java.util.Set<String> TAIL = java.util.Set.of("192.0.2.1", "192.0.2.2");

    private Pmacctd() {
    }

    /** IPFIX (version 10), v9 or v5 from the nfprobe plugin, unsampled. */
    static List<Datagram> nfprobe(Path pcap, int version, Path workDir) {
        return export(workDir.resolve("nfprobe-v" + version + ".conf"), """
            plugins: nfprobe
            nfprobe_receiver: %%TARGET%%
            nfprobe_version: %d
            aggregate: src_host, dst_host, src_port, dst_port, proto
            """.formatted(version), pcap);
    }

    /** sFlow v5 from the sfprobe plugin, 1-in-{@code samplingRate} (pmacctd samples at random, not every N-th). */
    static List<Datagram> sfprobe(Path pcap, int samplingRate, Path workDir) {
        return export(workDir.resolve("sfprobe-" + samplingRate + ".conf"), """
            plugins: sfprobe
            sfprobe_receiver: %%TARGET%%
            sfprobe_agentip: 127.0.0.1
            sampling_rate: %d
            """.formatted(samplingRate), pcap);
    }

    private static List<Datagram> export(Path config, String plugin, Path pcap) {
        String pmacctd = Command.require("pmacctd", "pmacct");
        try (Capture capture = Capture.open()) {
            String text = "daemonize: false\npcap_savefile: " + pcap + "\n" + plugin.replace("%TARGET%", capture.target());
            try {
                Files.writeString(config, text);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + config, e);
            }
            Command.Result run = Command.run(Duration.ofSeconds(30), pmacctd, "-f", config.toString());
            // pmacctd 1.7.7 sometimes exits 1 after a clean flush: its core sees the plugin it just told
            // to stop go away ("connection lost … no more plugins active") and calls that an error.
            if (run.exitCode() != 0 && !run.output().contains("Shutting down on user request")) {
                fail("pmacctd -f " + config + " exited " + run.exitCode() + ":\n" + run.output());
            }
            return capture.awaitQuiet(Duration.ofMillis(300));
        }
    }
}
