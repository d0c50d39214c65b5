package io.egressmon.ingest.netflow.exporters;

import io.egressmon.ingest.netflow.exporters.Capture.Datagram;
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
 */
final class Pmacctd {
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
            Command.check(Duration.ofSeconds(30), pmacctd, "-f", config.toString());
            return capture.awaitQuiet(Duration.ofMillis(300));
        }
    }
}
