package io.egressmon.copilot.sim.flows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.egressmon.copilot.sim.Estate;
import io.egressmon.copilot.sim.ManualClock;
import io.egressmon.copilot.sim.flowiq.FlowEstate;
import java.io.File;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The exporter against an independent decoder: nfdump's nfcapd collects three simulated minutes of
 * every spoke's NetFlow v9 and IPFIX, and nfdump's per-source totals must equal what the exporter
 * says it sent. nfdump 1.7.1 scales a sampled IPFIX exporter's records by the rate its options data
 * announce (samplingPacketInterval/Space), which checks those options too; it does not apply NetFlow
 * v9's SAMPLING_INTERVAL (34) option (it wants FLOW_SAMPLER_* fields), so v9 is compared raw.
 */
@DisplayName("The flow export, read back by nfdump")
class FlowExportIT {

    private static final int PORT = 47931;

    @Test
    @DisplayName("gives nfdump, per source IP, exactly the packets and bytes the exporter sent for the minutes it exported")
    void nfdumpAgrees() throws Exception {
        assumeTrue(new File("/usr/bin/nfcapd").canExecute() && new File("/usr/bin/nfdump").canExecute(), "nfdump installed");
        Path dir = Files.createTempDirectory(Path.of("/tmp"), "simflows-it-");
        // A 4 MiB socket buffer (the kernel's usual rmem_max): on a busy machine nfcapd may not read the
        // burst of three minutes' datagrams as fast as they come, and the default 208 KiB would drop some.
        Process nfcapd = new ProcessBuilder("nfcapd", "-w", dir.toString(), "-b", "127.0.0.1", "-p", String.valueOf(PORT),
                "-t", "60", "-B", "4194304").redirectErrorStream(true).redirectOutput(new File(dir + ".log")).start();
        ManualClock clock = new ManualClock(Instant.now().truncatedTo(ChronoUnit.MINUTES).plusSeconds(7));
        FlowTruth truth = new FlowTruth(FlowEstate.of(Estate.create(clock.instant(), 42, 0)));
        Map<String, long[]> sent = new TreeMap<>();
        try {
            Thread.sleep(1000);
            try (FlowExporter exporter = new FlowExporter(truth, clock, new InetSocketAddress("127.0.0.1", PORT),
                    Duration.ofMillis(100)).start()) {
                clock.advance(Duration.ofMinutes(3));
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (exporter.exportedMinutes().size() < 3 && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                }
                assertEquals(3, exporter.exportedMinutes().size());
                assertEquals(0, exporter.sendFailures());
                for (Instant minute : exporter.exportedMinutes()) {
                    for (SpokeExporter spoke : truth.exporters()) {
                        long scale = spoke.format() == ExportFormat.IPFIX ? spoke.samplingRate() : 1;
                        for (WireFlow flow : truth.flows(spoke.gateway(), minute).exported()) {
                            long[] totals = sent.computeIfAbsent(flow.record().srcAddr(), ip -> new long[2]);
                            totals[0] += flow.packets() * scale;
                            totals[1] += flow.bytes() * scale;
                        }
                    }
                }
            }
            Thread.sleep(500);
        } finally {
            nfcapd.destroy();
            assertTrue(nfcapd.waitFor(20, TimeUnit.SECONDS), "nfcapd stops on TERM");
        }
        Process nfdump = new ProcessBuilder("nfdump", "-R", dir.toString(), "-A", "srcip", "-N", "-q",
                "-o", "fmt:%sa %pkt %byt").redirectError(new File(dir + ".nfdump.err")).start();
        String out = new String(nfdump.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(nfdump.waitFor(60, TimeUnit.SECONDS));
        Map<String, long[]> read = new TreeMap<>();
        for (String line : out.strip().split("\n")) {
            String[] parts = line.trim().split("\\s+");
            assertEquals(3, parts.length, "nfdump line: " + line);
            read.put(parts[0], new long[] {Long.parseLong(parts[1]), Long.parseLong(parts[2])});
        }
        assertEquals(sent.keySet(), read.keySet());
        sent.forEach((ip, totals) -> {
            assertEquals(totals[0], read.get(ip)[0], ip + " packets");
            assertEquals(totals[1], read.get(ip)[1], ip + " bytes");
        });
        System.out.printf("nfdump agrees on %d source IPs, %d bytes%n", sent.size(),
                sent.values().stream().mapToLong(t -> t[1]).sum());
    }
}
