package io.egressmon.ingest.netflow.exporters;

import static org.junit.jupiter.api.Assertions.fail;

import io.egressmon.ingest.netflow.exporters.Capture.Datagram;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * nfdump 1.7.1 as the independent oracle: a fresh nfcapd is sent the exact datagrams our decoder reads,
 * stopped (SIGTERM writes its file), and {@code nfdump -A srcip} / {@code -A dstip} give per-IP totals.
 * nfdump reports raw counts: it does not scale sampled exports.
 *
 * <p>The CSV output is read rather than {@code -o "fmt:%sa %pkt %byt"}, which shortens long IPv6
 * addresses ({@code 2001:48..0::8888}).
 */
public final class Nfdump {
    private Nfdump() {
    }

    /** One line of {@code nfdump -A srcip,dstip}: a source and destination pair's raw bytes and packets. */
    public record Pair(String src, String dst, long bytes, long packets) {
    }

    /** What nfdump reads from {@code datagrams}; {@code dir} is a fresh directory for nfcapd's files. */
    static Totals read(List<Datagram> datagrams, Path dir) {
        Path data = collect(datagrams, dir);
        Totals.Tally tally = new Totals.Tally();
        readCsv(query(data, "srcip"), "sa", tally::addSource);
        readCsv(query(data, "dstip"), "da", tally::addDestination);
        return tally.totals();
    }

    /** What nfdump reads from {@code datagrams} per source and destination pair, for totals a pair's direction decides. */
    static List<Pair> readPairs(List<Datagram> datagrams, Path dir) {
        List<Pair> pairs = new ArrayList<>();
        rows(query(collect(datagrams, dir), "srcip,dstip"), List.of("sa", "da"),
            (cells, bytes, packets) -> pairs.add(new Pair(cells[0], cells[1], bytes, packets)));
        return List.copyOf(pairs);
    }

    /** Sends {@code datagrams} to a fresh nfcapd writing under {@code dir}, stops it, and returns its data directory. */
    private static Path collect(List<Datagram> datagrams, Path dir) {
        String nfcapd = Command.require("nfcapd", "nfdump");
        Path data = dir.resolve("nfcapd");
        Path log = dir.resolve("nfcapd.log");
        createDirectories(data);
        int port = freeUdpPort();
        Process collector = Command.start(log, nfcapd, "-w", data.toString(), "-b", "127.0.0.1",
            "-p", Integer.toString(port), "-t", "60", "-P", dir.resolve("nfcapd.pid").toString());
        try {
            awaitBound(port, collector, log);
            Capture.replay(datagrams, port);
            Capture.sleep(Duration.ofMillis(200));
        } finally {
            collector.destroy(); // SIGTERM: nfcapd writes its file and exits
            awaitExit(collector, log);
        }
        return data;
    }

    private static String query(Path data, String aggregation) {
        return Command.check(Duration.ofSeconds(20), Command.require("nfdump", "nfdump"), "-R", data.toString(),
            "-A", aggregation, "-o", "csv", "-N");
    }

    private interface Row {
        void add(String address, long bytes, long packets);
    }

    /** The rows under the header line ("ts,te,td,sa,da,…,ipkt,ibyt,…") up to the summary. */
    static void readCsv(String csv, String addressColumn, Row row) {
        rows(csv, List.of(addressColumn), (addresses, bytes, packets) -> row.add(addresses[0], bytes, packets));
    }

    private interface Cells {
        void add(String[] addresses, long bytes, long packets);
    }

    private static void rows(String csv, List<String> addressColumns, Cells row) {
        String[] lines = csv.split("\n");
        int at = 0;
        while (at < lines.length && !lines[at].startsWith("ts,")) {
            at++;
        }
        if (at == lines.length) {
            fail("nfdump printed no CSV header:\n" + csv);
        }
        List<String> header = Arrays.asList(lines[at].split(","));
        int packets = header.indexOf("ipkt");
        int bytes = header.indexOf("ibyt");
        for (at++; at < lines.length && !lines[at].isBlank() && !lines[at].startsWith("Summary"); at++) {
            String[] cells = lines[at].split(",");
            String[] addresses = addressColumns.stream().map(c -> canonical(cells[header.indexOf(c)].trim())).toArray(String[]::new);
            row.add(addresses, Long.parseLong(cells[bytes].trim()), Long.parseLong(cells[packets].trim()));
        }
    }

    private static String canonical(String literal) {
        try {
            return Totals.key(InetAddress.getByName(literal));
        } catch (UnknownHostException e) {
            return fail("nfdump printed an address that is not an IP literal: " + literal);
        }
    }

    private static int freeUdpPort() {
        try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            return probe.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free UDP port on 127.0.0.1", e);
        }
    }

    /** Waits until a UDP socket on 127.0.0.1:{@code port} appears in /proc/net/udp (nfcapd has bound). */
    private static void awaitBound(int port, Process collector, Path log) {
        String local = String.format("0100007F:%04X", port);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            try {
                if (Files.readString(Path.of("/proc/net/udp")).contains(local)) {
                    return;
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read /proc/net/udp", e);
            }
            if (!collector.isAlive()) {
                fail("nfcapd exited " + collector.exitValue() + " before listening:\n" + Command.read(log));
            }
            Capture.sleep(Duration.ofMillis(20));
        }
        fail("nfcapd did not listen on 127.0.0.1:" + port + " within 10 s:\n" + Command.read(log));
    }

    private static void awaitExit(Process collector, Path log) {
        try {
            if (!collector.waitFor(10, TimeUnit.SECONDS)) {
                collector.destroyForcibly();
                fail("nfcapd did not stop within 10 s of SIGTERM:\n" + Command.read(log));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            collector.destroyForcibly();
        }
    }

    private static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
    }
}
