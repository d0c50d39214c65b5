package io.egressmon.streams.talkers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.egressmon.api.talkers.TalkerEntry;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("A buffered talker window store")
class BufferedTalkerStoreTest {
    private static final String STORE = "buffered";
    private static final long WINDOW = 60_000;

    /**
     * A topology whose processor adds {@code "ip bytes"} to the table of the record's key in window 0;
     * {@code "ip bytes read"} adds, then forwards the table it fetches through the store's own methods
     * in the same call, before any commit; {@code "ip bytes truncated"} adds and marks the table
     * truncated; {@code "ip bytes also OTHER"} adds to the key's and to OTHER's table, reads the key's
     * through the store, and forwards what the store below holds for OTHER then (before any commit).
     */
    private static final class Driver implements AutoCloseable {
        final TopologyTestDriver driver;
        final TestInputTopic<String, String> input;
        final TestOutputTopic<String, String> reads;
        final TestOutputTopic<byte[], byte[]> changelog;
        /** IPs the store's trims dropped, as it reported them. */
        final LongAdder dropped = new LongAdder();
        /** What the store stamps; {@code "ip bytes version"} adds, reads through the store, and forwards window 0's version then. */
        final WindowVersions versions = new WindowVersions();

        Driver(Path stateDir, BufferedTalkerStore.Budget budget) {
            Topology topology = new Topology();
            topology.addSource("in", Serdes.String().deserializer(), Serdes.String().deserializer(), "adds");
            topology.addProcessor("add", () -> new Processor<String, String, String, String>() {
                private ProcessorContext<String, String> context;
                private BufferedTalkerStore store;

                @Override
                public void init(ProcessorContext<String, String> context) {
                    this.context = context;
                    this.store = BufferedTalkerStore.of(context.getStateStore(STORE));
                }

                @Override
                public void process(Record<String, String> record) {
                    String[] parts = record.value().split(" ");
                    BufferedTalkerStore.Adder adder = store.adder(record.key(), 0);
                    adder.add(parts[0], Long.parseLong(parts[1]), 1);
                    WindowStore<String, TalkerTable> windows = context.getStateStore(STORE);
                    switch (parts.length > 2 ? parts[2] : "") {
                        case "read" -> context.forward(record.withValue(entries(windows.fetch(record.key(), 0)).toString()));
                        case "truncated" -> adder.markTruncated();
                        case "version" -> {
                            windows.fetch(record.key(), 0);
                            context.forward(record.withValue(Long.toString(version(0))));
                        }
                        case "also" -> {
                            store.adder(parts[3], 0).add(parts[0], Long.parseLong(parts[1]), 1);
                            windows.fetch(record.key(), 0);
                            TalkerTable other = store.wrapped().fetch(parts[3], 0);
                            context.forward(record.withValue(other == null ? "null" : entries(other).toString()));
                        }
                        default -> { }
                    }
                }
            }, "in");
            topology.addStateStore(BufferedTalkerStore.builder(Stores.windowStoreBuilder(
                    Stores.persistentWindowStore(STORE, java.time.Duration.ofDays(1), java.time.Duration.ofMillis(WINDOW), false),
                    Serdes.String(), new TalkerTableSerde()).withCachingDisabled(), 3, budget, dropped::add,
                    versions.store(STORE, java.time.Duration.ofDays(1))), "add");
            topology.addSink("out", "reads", Serdes.String().serializer(), Serdes.String().serializer(), "add");
            Properties props = new Properties();
            props.put(StreamsConfig.APPLICATION_ID_CONFIG, "buffered-test");
            props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
            props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
            driver = new TopologyTestDriver(topology, props);
            input = driver.createInputTopic("adds", Serdes.String().serializer(), Serdes.String().serializer());
            reads = driver.createOutputTopic("reads", Serdes.String().deserializer(), Serdes.String().deserializer());
            changelog = driver.createOutputTopic("buffered-test-" + STORE + "-changelog",
                    Serdes.ByteArray().deserializer(), Serdes.ByteArray().deserializer());
        }

        /** The version of the window starting at {@code windowStart} (partition 0, the clock at the epoch). */
        long version(long windowStart) {
            return versions.version(STORE, 0, windowStart, 0);
        }

        /** The table of {@code key} in window 0 as the store below holds it. */
        Map<String, Long> stored(String key) {
            WindowStore<String, TalkerTable> windows = driver.getWindowStore(STORE);
            TalkerTable table = windows.fetch(key, 0);
            return table == null ? null : entries(table);
        }

        @Override
        public void close() {
            driver.close();
        }
    }

    private static Map<String, Long> entries(TalkerTable table) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (TalkerEntry e : table.entries()) {
            out.put(e.ip(), e.bytes());
        }
        return out;
    }

    @Test
    @DisplayName("writes what was added to the changelog at the commit that covers the input")
    void committedWithItsInput(@TempDir Path dir) {
        try (Driver d = new Driver(dir, new BufferedTalkerStore.Budget(1_000))) {
            d.input.pipeInput("gw|EXTERNAL", "8.8.8.8 100");
            d.input.pipeInput("gw|EXTERNAL", "8.8.8.8 20");
            d.input.pipeInput("gw|EXTERNAL", "1.1.1.1 50");
            // The test driver commits after every input record; no read went through the store.
            List<byte[]> values = d.changelog.readValuesToList();
            assertEquals(3, values.size(), "one table write per commit");
            TalkerTable last = new TalkerTableSerde().deserializer().deserialize("", values.get(2));
            assertEquals(Map.of("8.8.8.8", 120L, "1.1.1.1", 50L), entries(last));
            assertEquals(Map.of("8.8.8.8", 120L, "1.1.1.1", 50L), d.stored("gw|EXTERNAL"));
        }
    }

    @Test
    @DisplayName("a processor's read through the store sees every add before it, committed or not")
    void readsSeeAdds(@TempDir Path dir) {
        try (Driver d = new Driver(dir, new BufferedTalkerStore.Budget(1_000))) {
            d.input.pipeInput("gw|INTERNAL", "10.0.0.1 7 read");
            d.input.pipeInput("gw|INTERNAL", "10.0.0.2 9 read");
            assertEquals(List.of("{10.0.0.1=7}", "{10.0.0.2=9, 10.0.0.1=7}"), d.reads.readValuesToList());
        }
    }

    @Test
    @DisplayName("a processor's read writes the tables it covers first, and only those")
    void readsWriteOnlyWhatTheyCover(@TempDir Path dir) {
        try (Driver d = new Driver(dir, new BufferedTalkerStore.Budget(1_000))) {
            d.input.pipeInput("a|EXTERNAL", "8.8.8.8 5 also b|EXTERNAL");
            assertEquals(List.of("null"), d.reads.readValuesToList(), "b's table waits for the commit");
            assertEquals(Map.of("8.8.8.8", 5L), d.stored("a|EXTERNAL"));
            assertEquals(Map.of("8.8.8.8", 5L), d.stored("b|EXTERNAL"), "written at the commit");
        }
    }

    @Test
    @DisplayName("reports the IPs its trims drop from a full table, and keeps a table's truncated mark")
    void dropsAndTruncation(@TempDir Path dir) {
        try (Driver d = new Driver(dir, new BufferedTalkerStore.Budget(1_000))) {
            d.input.pipeInput("gw|EXTERNAL", "8.8.8.8 40 truncated");
            for (int i = 1; i <= 4; i++) {
                d.input.pipeInput("gw|EXTERNAL", "1.1.1." + i + " " + i);
            }
            // Capacity 3, five IPs each seen once, a commit (and a trim) after each: two dropped.
            assertEquals(2, d.dropped.sum());
            WindowStore<String, TalkerTable> windows = d.driver.getWindowStore(STORE);
            TalkerTable table = windows.fetch("gw|EXTERNAL", 0);
            assertEquals(3, table.size());
            assertTrue(table.truncated(), "the mark outlives the adds and writes after it");
        }
    }

    @Test
    @DisplayName("over its budget writes and drops the least recently used table, and reloads it when added to again")
    void budget(@TempDir Path dir) {
        BufferedTalkerStore.Budget budget = new BufferedTalkerStore.Budget(3, 0);
        try (Driver d = new Driver(dir, budget)) {
            d.input.pipeInput("a|EXTERNAL", "8.8.8.8 1");
            d.input.pipeInput("a|EXTERNAL", "9.9.9.9 2");
            assertEquals(2, budget.used());
            d.input.pipeInput("b|EXTERNAL", "8.8.8.8 4");
            d.input.pipeInput("b|EXTERNAL", "1.1.1.1 8");
            assertEquals(2, budget.used(), "table a (2 IPs) was dropped when b came and went over 3");
            d.input.pipeInput("a|EXTERNAL", "8.8.8.8 16");
            assertEquals(Map.of("8.8.8.8", 17L, "9.9.9.9", 2L), d.stored("a|EXTERNAL"), "reloaded, not restarted from zero");
            assertEquals(Map.of("1.1.1.1", 8L, "8.8.8.8", 4L), d.stored("b|EXTERNAL"));
            assertEquals(2, budget.used(), "b dropped in turn when a came back");
        }
        assertEquals(0, budget.used(), "closing the store gives its entries back");
    }

    @Test
    @DisplayName("over its budget keeps the tables in use: the budget gives way rather than a table being read and written per flow")
    void budgetSparesTablesInUse(@TempDir Path dir) {
        // The test driver commits after every record: a was added to two commits before b went over.
        BufferedTalkerStore.Budget budget = new BufferedTalkerStore.Budget(3, 2);
        try (Driver d = new Driver(dir, budget)) {
            d.input.pipeInput("a|EXTERNAL", "8.8.8.8 1");
            d.input.pipeInput("a|EXTERNAL", "9.9.9.9 2");
            d.input.pipeInput("b|EXTERNAL", "8.8.8.8 4");
            d.input.pipeInput("b|EXTERNAL", "1.1.1.1 8");
            assertEquals(4, budget.used(), "a was asked for within the last two commits: kept");
            assertEquals(Map.of("8.8.8.8", 1L, "9.9.9.9", 2L), d.stored("a|EXTERNAL"), "and written at every commit");
        }
    }

    @Test
    @DisplayName("a put through the store replaces the buffered table")
    void putReplaces(@TempDir Path dir) {
        try (Driver d = new Driver(dir, new BufferedTalkerStore.Budget(1_000))) {
            d.input.pipeInput("gw|EXTERNAL", "8.8.8.8 100");
            WindowStore<String, TalkerTable> windows = d.driver.getWindowStore(STORE);
            windows.put("gw|EXTERNAL", TalkerTable.empty(3).add("1.1.1.1", 5, false), 0);
            d.input.pipeInput("gw|EXTERNAL", "1.1.1.1 1");
            assertEquals(Map.of("1.1.1.1", 6L), d.stored("gw|EXTERNAL"));
            assertNull(d.stored("nobody|EXTERNAL"));
        }
    }

    @Test
    @DisplayName("stamps a window's version after a write below and again after the commit that makes it readable; only that window's")
    void stampsWrittenWindows(@TempDir Path dir) {
        try (Driver d = new Driver(dir, new BufferedTalkerStore.Budget(1_000))) {
            long opened = d.version(0);
            long other = d.version(WINDOW);
            d.input.pipeInput("gw|EXTERNAL", "8.8.8.8 5 version"); // written by the read, then committed
            long atWrite = Long.parseLong(d.reads.readValue());
            long committed = d.version(0);
            assertTrue(atWrite != opened && committed != atWrite, opened + " → " + atWrite + " → " + committed);
            assertEquals(other, d.version(WINDOW), "another window keeps its version");
            assertEquals(committed, d.version(0), "and this one while nothing is written");
            d.input.pipeInput("gw|EXTERNAL", "8.8.8.8 5");
            assertTrue(d.version(0) != committed, "written at the next commit");
        }
    }

    @Test
    @DisplayName("moves its partition's versions on when it closes")
    void closeResets(@TempDir Path dir) {
        long before;
        WindowVersions versions;
        try (Driver d = new Driver(dir, new BufferedTalkerStore.Budget(1_000))) {
            d.input.pipeInput("gw|EXTERNAL", "8.8.8.8 5");
            before = d.version(WINDOW);
            versions = d.versions;
        }
        assertTrue(versions.version(STORE, 0, WINDOW, 0) != before);
    }
}
