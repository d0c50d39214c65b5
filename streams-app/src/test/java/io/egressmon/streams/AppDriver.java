package io.egressmon.streams;

import io.egressmon.registry.LocalSchemaRegistry;
import io.egressmon.schemas.Topic;
import io.egressmon.cost.BudgetConfig;
import io.egressmon.streams.cost.CostSettings;
import io.egressmon.streams.counters.BandwidthSerdes;
import io.egressmon.streams.counters.BandwidthTopology;
import io.egressmon.streams.counters.TopologyStats;
import io.egressmon.streams.flows.FlowSettings;
import io.egressmon.streams.talkers.TalkerSettings;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * The application's one topology in a {@link TopologyTestDriver}, set up as every topology test
 * needs it: exactly-once, the test's state directory, and registry Avro serdes over an in-memory
 * {@link LocalSchemaRegistry} (the production wire format and registry rules, without a server).
 * The counters' and talkers' drivers add their inputs and views of the stores on top.
 */
public final class AppDriver implements AutoCloseable {
    public final TopologyStats stats = new TopologyStats();
    public final BandwidthSerdes serdes = BandwidthSerdes.of(new LocalSchemaRegistry());
    public final TopologyTestDriver driver;

    public AppDriver(Path stateDir, TalkerSettings talkers) {
        this(stateDir, talkers, Instant.now());
    }

    /**
     * With the driver's wall clock starting at {@code wallClock}: what the topology takes for "now"
     * (the counters keep 5-minute windows only for the last two days of it).
     */
    public AppDriver(Path stateDir, TalkerSettings talkers, Instant wallClock) {
        this(stateDir, talkers, wallClock, BudgetConfig.NONE);
    }

    /** With the alerts part judging {@code budgets}. */
    public AppDriver(Path stateDir, TalkerSettings talkers, Instant wallClock, BudgetConfig budgets) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "topology-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
        driver = new TopologyTestDriver(BandwidthTopology.build(serdes, talkers, FlowSettings.DEFAULTS, CostSettings.DEFAULTS, budgets, stats,
                Clock.fixed(wallClock, ZoneOffset.UTC)), props, wallClock);
    }

    /** The topology with default settings, for tests of its shape (nothing runs through it). */
    public static Topology topology() {
        return BandwidthTopology.build(BandwidthSerdes.of(new LocalSchemaRegistry()), new TopologyStats());
    }

    /** Records piped into {@code topic}, serialized with its serdes. */
    public <K, V> TestInputTopic<K, V> input(Topic<K, V> topic) {
        return driver.createInputTopic(topic.name(), topic.keySerde().serializer(), topic.valueSerde().serializer());
    }

    /** What the topology wrote to {@code topic}, deserialized with its serdes. */
    public <K, V> TestOutputTopic<K, V> output(Topic<K, V> topic) {
        return driver.createOutputTopic(topic.name(), topic.keySerde().deserializer(), topic.valueSerde().deserializer());
    }

    @Override
    public void close() {
        driver.close();
    }
}
