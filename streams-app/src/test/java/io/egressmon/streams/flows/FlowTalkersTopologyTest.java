package io.egressmon.streams.flows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.egressmon.api.talkers.TalkerEntry;
import io.egressmon.avro.ExportFormat;
import io.egressmon.avro.FlowBatch;
import io.egressmon.avro.FlowCoverage;
import io.egressmon.avro.FlowRecord;
import io.egressmon.avro.FlowTableWindow;
import io.egressmon.avro.SpokeBandwidthWindow;
import io.egressmon.streams.AppDriver;
import io.egressmon.streams.flows.FlowStats.Counter;
import io.egressmon.streams.talkers.TalkerSettings;
import io.egressmon.streams.talkers.TalkerTable;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.WindowStore;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("The flows part of the topology")
class FlowTalkersTopologyTest {
    private static final String T = "2026-02-10T10:15:";

    @TempDir
    Path stateDir;

    @Test
    @DisplayName("counts an egress flow's public end as an external talker and its private end as an internal one, either way round")
    void bothEnds() {
        try (Driver d = new Driver(stateDir)) {
            d.pipe("spoke-a", flow("10.0.0.5", "8.8.8.8", 100, T + "10Z", T + "20Z"),
                    flow("1.1.1.1", "10.0.0.6", 40, T + "10Z", T + "20Z"),
                    flow("10.0.0.5", "8.8.8.8", 1, T + "30Z", T + "31Z"));
            assertEquals(Map.of("8.8.8.8", 101L, "1.1.1.1", 40L), d.bytes(FlowTalkersTopology.STORE_1M, "spoke-a|EXTERNAL", "2026-02-10T10:15:00Z"));
            assertEquals(Map.of("10.0.0.5", 101L, "10.0.0.6", 40L), d.bytes(FlowTalkersTopology.STORE_1M, "spoke-a|INTERNAL", "2026-02-10T10:15:00Z"));
            assertEquals(Map.of("8.8.8.8", 101L, "1.1.1.1", 40L), d.bytes(FlowTalkersTopology.STORE_1H, "spoke-a|EXTERNAL", "2026-02-10T10:00:00Z"));
            assertEquals(Map.of("8.8.8.8", 101L, "1.1.1.1", 40L), d.bytes(FlowTalkersTopology.STORE_1D, "spoke-a|EXTERNAL", "2026-02-10T00:00:00Z"));
            assertEquals(3, d.app.stats.flows().get(Counter.EGRESS_FLOWS));
            assertEquals(Map.of("8.8.8.8", 2L, "1.1.1.1", 1L),
                    d.packets(FlowTalkersTopology.STORE_1D, "spoke-a|EXTERNAL", "2026-02-10T00:00:00Z"));
        }
    }

    @Test
    @DisplayName("leaves east-west, CGNAT, loopback, link-local and multicast flows out of the talkers, counted")
    void notEgress() {
        try (Driver d = new Driver(stateDir)) {
            d.pipe("spoke-a", flow("10.0.0.5", "10.1.0.9", 100, T + "10Z", T + "20Z"),
                    flow("10.0.0.5", "100.64.3.2", 100, T + "10Z", T + "20Z"),
                    flow("10.0.0.5", "239.1.1.1", 100, T + "10Z", T + "20Z"),
                    flow("fe80::1", "2001:db8::1", 100, T + "10Z", T + "20Z"),
                    flow("fd00::5", "2001:db8::1", 7, T + "10Z", T + "20Z"));
            assertEquals(Map.of("2001:db8::1", 7L), d.bytes(FlowTalkersTopology.STORE_1M, "spoke-a|EXTERNAL", "2026-02-10T10:15:00Z"),
                    "an IPv6 ULA host talking to the internet is egress");
            assertEquals(Map.of("fd00::5", 7L), d.bytes(FlowTalkersTopology.STORE_1M, "spoke-a|INTERNAL", "2026-02-10T10:15:00Z"));
            assertEquals(4, d.app.stats.flows().get(Counter.OTHER_FLOWS));
        }
    }

    @Test
    @DisplayName("splits a flow spanning minutes by its start and end, losing no byte")
    void splitsByMinute() {
        try (Driver d = new Driver(stateDir)) {
            // 10:15:30 to 10:17:29.999: 30 s, 60 s and 30 s of 1 200 bytes
            d.pipe("spoke-a", flow("10.0.0.5", "8.8.8.8", 1200, "2026-02-10T10:15:30Z", "2026-02-10T10:17:29.999Z"));
            assertEquals(Map.of("8.8.8.8", 300L), d.bytes(FlowTalkersTopology.STORE_1M, "spoke-a|EXTERNAL", "2026-02-10T10:15:00Z"));
            assertEquals(Map.of("8.8.8.8", 600L), d.bytes(FlowTalkersTopology.STORE_1M, "spoke-a|EXTERNAL", "2026-02-10T10:16:00Z"));
            assertEquals(Map.of("8.8.8.8", 300L), d.bytes(FlowTalkersTopology.STORE_1M, "spoke-a|EXTERNAL", "2026-02-10T10:17:00Z"));
            assertEquals(Map.of("8.8.8.8", 1200L), d.bytes(FlowTalkersTopology.STORE_1H, "spoke-a|EXTERNAL", "2026-02-10T10:00:00Z"));
            assertEquals(Map.of("8.8.8.8", 1L), d.packets(FlowTalkersTopology.STORE_1H, "spoke-a|EXTERNAL", "2026-02-10T10:00:00Z"),
                    "packets are split by time too, and add up");
        }
    }

    @Test
    @DisplayName("keeps gateways apart by the batch's key, and skips a batch without one")
    void byGateway() {
        try (Driver d = new Driver(stateDir)) {
            d.pipe("spoke-a", flow("10.0.0.5", "8.8.8.8", 5, T + "10Z", T + "20Z"));
            d.pipe("spoke-b", flow("10.0.0.5", "8.8.8.8", 6, T + "10Z", T + "20Z"));
            d.pipe("", flow("10.0.0.5", "8.8.8.8", 6, T + "10Z", T + "20Z"));
            assertEquals(Map.of("8.8.8.8", 5L), d.bytes(FlowTalkersTopology.STORE_1M, "spoke-a|EXTERNAL", "2026-02-10T10:15:00Z"));
            assertEquals(Map.of("8.8.8.8", 6L), d.bytes(FlowTalkersTopology.STORE_1M, "spoke-b|EXTERNAL", "2026-02-10T10:15:00Z"));
            assertEquals(1, d.app.stats.flows().get(Counter.MALFORMED_FLOW_BATCHES));
        }
    }

    @Test
    @DisplayName("drops (and counts) a piece whose minute closed more than the grace before the batch arrived")
    void late() {
        try (Driver d = new Driver(stateDir)) {
            d.pipe("spoke-a", flow("10.0.0.5", "8.8.8.8", 5, "2026-02-10T12:00:00Z", "2026-02-10T12:00:01Z"));
            d.pipe("spoke-a", flow("10.0.0.5", "8.8.8.8", 9, "2026-02-10T10:15:00Z", "2026-02-10T10:15:01Z"));
            assertEquals(Map.of(), d.bytes(FlowTalkersTopology.STORE_1M, "spoke-a|EXTERNAL", "2026-02-10T10:15:00Z"));
            assertEquals(Map.of("8.8.8.8", 14L), d.bytes(FlowTalkersTopology.STORE_1D, "spoke-a|EXTERNAL", "2026-02-10T00:00:00Z"),
                    "the day is still open");
            assertEquals(2, d.app.stats.flows().get(Counter.LATE_FLOW_PIECES_1M), "one piece per role");
            assertEquals(2, d.app.stats.flows().get(Counter.LATE_FLOW_PIECES_1H));
        }
    }

    @Test
    @DisplayName("writes an hour's coverage when the counters' hour is final: flow egress against counted egress, flagged outside the band")
    void coverage() {
        try (Driver d = new Driver(stateDir)) {
            d.pipe("spoke-a", flow("10.0.0.5", "8.8.8.8", 300, "2026-02-10T09:59:00Z", "2026-02-10T09:59:01Z"));
            d.pipe("spoke-a", flow("10.0.0.5", "8.8.8.8", 900, "2026-02-10T10:15:00Z", "2026-02-10T10:15:01Z"),
                    flow("1.1.1.1", "10.0.0.6", 100, "2026-02-10T10:16:00Z", "2026-02-10T10:16:01Z"));
            d.pipe("spoke-b", flow("10.0.0.5", "8.8.8.8", 50, "2026-02-10T10:15:00Z", "2026-02-10T10:15:01Z"));
            d.counted("spoke-a", "2026-02-09T10:00:00Z", 1000); // before the flows began: not judged
            d.counted("spoke-a", "2026-02-10T09:00:00Z", 300);   // the export's first hour: not judged
            d.counted("spoke-a", "2026-02-10T10:00:00Z", 1250);
            d.counted("spoke-b", "2026-02-10T10:00:00Z", 1000);  // spoke-b's first hour
            List<FlowCoverage> out = d.coverage.readValuesToList();
            assertEquals(1, out.size(), out.toString());
            FlowCoverage c = out.get(0);
            assertEquals(1000, c.getFlowEgressBytes());
            assertEquals(1250, c.getCounterEgressBytes());
            assertEquals(0.8, c.getCoverage(), 1e-9);
            assertEquals(false, c.getSamplingSuspect());
            d.pipe("spoke-a", flow("10.0.0.5", "8.8.8.8", 10, "2026-02-10T11:15:00Z", "2026-02-10T11:15:01Z"));
            d.counted("spoke-a", "2026-02-10T11:00:00Z", 1000);
            assertEquals(true, d.coverage.readValuesToList().get(0).getSamplingSuspect(), "0.01 is outside 0.8..1.25");
        }
    }

    static FlowRecord flow(String src, String dst, long bytes, String start, String end) {
        return new FlowRecord(address(src), address(dst), 40000, 443, 6, bytes, 1L, 1L, Instant.parse(start),
                Instant.parse(end), 0L, 0, 0, 0);
    }

    private static ByteBuffer address(String ip) {
        try {
            return ByteBuffer.wrap(InetAddress.getByName(ip).getAddress());
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Test
    @DisplayName("writes each closed 10-second window of the live table to flows.table, per gateway, flows summed across its seconds")
    void tableWindows(@TempDir Path dir) {
        try (Driver d = new Driver(dir)) {
            var out = d.app.output(d.app.serdes.talkers().table());
            Instant arrived = Instant.ofEpochMilli(System.currentTimeMillis() + 12_000);
            Instant windowStart = Instant.ofEpochMilli(Math.floorDiv(arrived.toEpochMilli(), 10_000) * 10_000);
            d.pipeAt(arrived, "spoke-a", flow("10.0.0.5", "8.8.8.8", 100, T + "10Z", T + "20Z"),
                    flow("10.0.0.6", "1.1.1.1", 7, T + "10Z", T + "11Z"));
            d.pipeAt(windowStart.plusMillis(9_999), "spoke-a", flow("10.0.0.5", "8.8.8.8", 50, T + "21Z", T + "30Z"));
            d.pipeAt(arrived, "spoke-b", flow("10.0.0.9", "8.8.4.4", 9, T + "10Z", T + "20Z"));
            d.pipeAt(windowStart.plusSeconds(10), "spoke-b", flow("10.0.0.9", "8.8.4.4", 1, T + "10Z", T + "20Z"));
            assertTrue(out.isEmpty(), "nothing before the window closes");
            d.app.driver.advanceWallClockTime(java.time.Duration.ofSeconds(25));
            Map<String, FlowTableWindow> windows = new TreeMap<>();
            out.readKeyValuesToList().forEach(kv -> {
                assertFalse(kv.value.getWindowStart().isBefore(windowStart), "no flows before: " + kv.value);
                if (kv.value.getWindowStart().equals(windowStart)) {
                    windows.put(kv.key, kv.value);
                }
            });
            assertEquals(List.of("spoke-a", "spoke-b"), List.copyOf(windows.keySet()));
            FlowTableWindow a = windows.get("spoke-a");
            assertTrue(a.getComplete());
            assertEquals(windowStart.plusSeconds(10), a.getWindowEnd());
            assertEquals(1, a.getParts());
            Map<Long, Long> recordsByBytes = new TreeMap<>();
            a.getFlows().forEach(f -> recordsByBytes.put(f.getBytes(), f.getRecords()));
            assertEquals(Map.of(150L, 2L, 7L, 1L), recordsByBytes, "one flow's two records summed; the other alone");
            assertEquals(List.of(9L), windows.get("spoke-b").getFlows().stream().map(f -> f.getBytes()).toList(),
                    "the next window's flow is not in this one");
        }
    }

    /** The application's topology, driven through its flows input; each batch arrives when its last flow ends. */
    static final class Driver implements AutoCloseable {
        final AppDriver app;
        private final TestInputTopic<String, FlowBatch> input;
        private final TestInputTopic<String, SpokeBandwidthWindow> windows;
        final TestOutputTopic<String, FlowCoverage> coverage;

        Driver(Path stateDir) {
            app = new AppDriver(stateDir, new TalkerSettings(100, 2));
            input = app.input(app.serdes.talkers().flows());
            windows = app.input(app.serdes.windows());
            coverage = app.output(app.serdes.talkers().coverage());
        }

        /** A final hourly counter window of {@code gateway} with {@code egress} bytes (half each way). */
        void counted(String gateway, String hour, long egress) {
            Instant start = Instant.parse(hour);
            windows.pipeInput(gateway, SpokeBandwidthWindow.newBuilder().setGateway(gateway).setGranularity("PT1H")
                    .setWindowStart(start).setWindowEnd(start.plusSeconds(3600)).setEth0RxBytes(0).setEth0TxBytes(0)
                    .setTunnelRxBytes(0).setTunnelTxBytes(0).setInternalRxBytes(0).setInternalTxBytes(0)
                    .setEgressRxBytes(egress / 2).setEgressTxBytes(egress - egress / 2).build(), start.plusSeconds(3600));
        }

        /** A batch that arrived at {@code arrived}, whatever its flows' times. */
        void pipeAt(Instant arrived, String gateway, FlowRecord... flows) {
            input.pipeInput(gateway, new FlowBatch("192.0.2.9", gateway, ExportFormat.IPFIX, arrived, List.of(flows)), arrived);
        }

        void pipe(String gateway, FlowRecord... flows) {
            Instant arrived = List.of(flows).stream().map(FlowRecord::getEnd).max(Instant::compareTo).orElseThrow();
            input.pipeInput(gateway, new FlowBatch("192.0.2.9", gateway, ExportFormat.IPFIX, arrived, List.of(flows)), arrived);
        }

        Map<String, Long> packets(String store, String key, String start) {
            return read(store, key, start, TalkerEntry::packets);
        }

        Map<String, Long> bytes(String store, String key, String start) {
            return read(store, key, start, TalkerEntry::bytes);
        }

        private Map<String, Long> read(String store, String key, String start, java.util.function.ToLongFunction<TalkerEntry> what) {
            WindowStore<String, TalkerTable> windows = app.driver.getWindowStore(store);
            Map<String, Long> out = new TreeMap<>();
            try (KeyValueIterator<Windowed<String>, TalkerTable> all = windows.all()) {
                all.forEachRemaining(kv -> {
                    if (kv.key.key().equals(key) && kv.key.window().startTime().equals(Instant.parse(start))) {
                        kv.value.entries().forEach(e -> out.put(e.ip(), what.applyAsLong(e)));
                    }
                });
            }
            return out;
        }

        @Override
        public void close() {
            app.close();
        }
    }
}
