package io.egressmon.streams.talkers;

import io.egressmon.avro.FlowDirection;
import io.egressmon.avro.TalkerBytes;
import io.egressmon.avro.TalkerRole;
import io.egressmon.avro.TalkerTopN;
import io.egressmon.streams.AppDriver;
import io.egressmon.streams.counters.TopologyStats;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.WindowStore;

/** The application's topology in an {@link AppDriver}, driven through its talkers input. */
final class TalkersDriver implements AutoCloseable {
    /** When the ingest produced the records: far from every slice, so windows by record time would show. */
    static final Instant PRODUCED_AT = Instant.parse("2030-01-01T00:00:00Z");

    private final AppDriver app;
    final TopologyStats stats;
    private final TestInputTopic<String, TalkerBytes> input;
    private final TestOutputTopic<String, TalkerTopN> topN;

    TalkersDriver(Path stateDir, TalkerSettings settings) {
        app = new AppDriver(stateDir, settings);
        stats = app.stats;
        input = app.input(app.serdes.talkers().talkerBytes());
        topN = app.output(app.serdes.talkers().topN());
    }

    /** A record of one FlowIQ sub-query's answer for {@code gateway}'s slice {@code [start, start + length)}. */
    static TalkerBytes record(String gateway, String start, Duration length, TalkerRole role, FlowDirection direction,
                              String ip, long bytes) {
        Instant s = Instant.parse(start);
        return TalkerBytes.newBuilder().setGateway(gateway).setSliceStart(s).setSliceEnd(s.plus(length)).setRole(role)
                .setDirection(direction).setIp(ip).setBytes(bytes).setTruncated(false).setSource("flowiq").build();
    }

    static TalkerBytes live(String gateway, String start, TalkerRole role, FlowDirection direction, String ip, long bytes) {
        return record(gateway, start, Duration.ofMinutes(15), role, direction, ip, bytes);
    }

    TalkersDriver pipe(TalkerBytes... records) {
        for (TalkerBytes r : records) {
            input.pipeInput(r.getGateway(), r, PRODUCED_AT);
        }
        return this;
    }

    TalkersDriver pipe(String key, TalkerBytes record) {
        input.pipeInput(key, record, PRODUCED_AT);
        return this;
    }

    /** Moves stream time to {@code at} with a record of an unrelated gateway. */
    TalkersDriver advanceTo(String at) {
        return pipe(live("clock", at, TalkerRole.EXTERNAL, FlowDirection.OUTBOUND, "192.0.2.1", 1));
    }

    /** Every table of {@code key} (gateway|ROLE) in {@code store}, by window start. */
    SortedMap<Instant, TalkerTable> windows(String store, String key) {
        WindowStore<String, TalkerTable> windowStore = app.driver.getWindowStore(store);
        SortedMap<Instant, TalkerTable> byStart = new TreeMap<>();
        try (KeyValueIterator<Windowed<String>, TalkerTable> all = windowStore.all()) {
            all.forEachRemaining(kv -> {
                if (kv.key.key().equals(key)) {
                    byStart.put(kv.key.window().startTime(), kv.value);
                }
            });
        }
        return byStart;
    }

    /** {@code key}'s table in {@code store} as IP → bytes, for the window starting at {@code start}. */
    Map<String, Long> bytes(String store, String key, String start) {
        TalkerTable t = windows(store, key).get(Instant.parse(start));
        Map<String, Long> out = new TreeMap<>();
        if (t != null) {
            t.entries().forEach(e -> out.put(e.ip(), e.bytes()));
        }
        return out;
    }

    /** A progress mark of {@code gateway} in {@code talkers-emitted}, or null. */
    Instant mark(Progress progress, String gateway) {
        Long at = app.driver.<String, Long>getKeyValueStore(TalkersTopology.STORE_EMITTED).get(progress.key(gateway));
        return at == null ? null : Instant.ofEpochMilli(at);
    }

    List<KeyValue<String, TalkerTopN>> emitted() {
        return topN.readKeyValuesToList();
    }

    @Override
    public void close() {
        app.close();
    }
}
