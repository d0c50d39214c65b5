package io.egressmon.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TaskMetadata;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CommitPacerTest {
    private static final Duration LIVE = Duration.ofSeconds(1);

    private static final String TOPIC = "copilot.counter-snapshots";
    private static final TopicPartition INPUT = new TopicPartition(TOPIC, 0);

    /** The one active task's input partition: the last offset polled from it and its committed offset, as Kafka Streams knows them. */
    private final Map<TopicPartition, Long> ends = new HashMap<>(Map.of(INPUT, -1L));
    private final Map<TopicPartition, Long> committed = new HashMap<>(Map.of(INPUT, -1L));
    /** The main consumer's {@code records-lag} per partition. */
    private final Map<TopicPartition, Metric> fetchLag = new HashMap<>(Map.of(INPUT, gauge(0)));
    private final List<TaskMetadata> tasks = List.of(new TaskMetadata() {
        @Override
        public TaskId taskId() {
            return new TaskId(1, 0);
        }

        @Override
        public Set<TopicPartition> topicPartitions() {
            return Set.of(INPUT);
        }

        @Override
        public Map<TopicPartition, Long> committedOffsets() {
            return committed;
        }

        @Override
        public Map<TopicPartition, Long> endOffsets() {
            return ends;
        }

        @Override
        public Optional<Long> timeCurrentIdlingStarted() {
            return Optional.empty();
        }
    });
    private final AtomicReference<CommitPacer.Inputs> inputs = new AtomicReference<>(new CommitPacer.Inputs(tasks, fetchLag));
    /** The pacer's System.nanoTime, moved by the tests. */
    private final AtomicLong nanos = new AtomicLong();
    private final CommitPacer pacer = new CommitPacer(LIVE, inputs::get, true, nanos::get);

    private static Metric gauge(double value) {
        return new Metric() {
            @Override
            public MetricName metricName() {
                return new MetricName("records-lag", "consumer-fetch-manager-metrics", "", Map.of());
            }

            @Override
            public Object metricValue() {
                return value;
            }
        };
    }

    /** {@code paced} takes the record at {@code offset} of the input partition. */
    private static void take(MockProcessorContext<Object, Object> task, CommitPacer.Paced paced, long offset) {
        task.setRecordMetadata(TOPIC, 0, offset);
        paced.seen();
    }

    private static MockProcessorContext<Object, Object> task(Object pacer) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "pacer-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:9092");
        if (pacer != null) {
            props.put(CommitPacer.CONFIG, pacer);
        }
        return new MockProcessorContext<>(props);
    }

    /** {@code context}'s punctuations not cancelled. */
    private static List<MockProcessorContext.CapturedPunctuator> scheduled(MockProcessorContext<Object, Object> context) {
        return context.scheduledPunctuators().stream().filter(p -> !p.cancelled()).toList();
    }

    /** Runs {@code context}'s one punctuation at wall-clock time {@code now} (ms). */
    private static void punctuate(MockProcessorContext<Object, Object> context, long now) {
        List<MockProcessorContext.CapturedPunctuator> scheduled = scheduled(context);
        assertEquals(1, scheduled.size());
        MockProcessorContext.CapturedPunctuator p = scheduled.get(0);
        assertEquals(PunctuationType.WALL_CLOCK_TIME, p.getType());
        assertEquals(LIVE, p.getInterval());
        p.getPunctuator().punctuate(now);
    }

    @Test
    @DisplayName("keeping up: a task that took records asks for a commit at its next punctuation, once")
    void keepingUp() {
        MockProcessorContext<Object, Object> task = task(pacer);
        CommitPacer.Paced paced = CommitPacer.attach(task);
        paced.seen();
        punctuate(task, 11_000);
        assertTrue(task.committed());
        task.resetCommit();
        paced.seen();
        punctuate(task, 12_000);
        assertTrue(task.committed(), "took more since");
        task.resetCommit();
        punctuate(task, 13_000);
        assertFalse(task.committed(), "nothing taken since the last request");
    }

    @Test
    @DisplayName("a task punctuates only while it takes records: none before the first, none after a punctuation that found nothing new")
    void punctuatesOnlyWhileTaking() {
        MockProcessorContext<Object, Object> task = task(pacer);
        CommitPacer.Paced paced = CommitPacer.attach(task);
        assertTrue(scheduled(task).isEmpty(), "an idle task: each punctuation would make Kafka Streams look at every task sooner");
        paced.seen();
        paced.seen();
        assertEquals(1, scheduled(task).size(), "one punctuation however many records");
        punctuate(task, 11_000);
        assertTrue(task.committed());
        punctuate(task, 12_000);
        assertTrue(scheduled(task).isEmpty(), "nothing taken since: cancelled");
        task.resetCommit();
        paced.seen();
        punctuate(task, 13_000);
        assertTrue(task.committed(), "the next record schedules it again");
    }

    @Test
    @DisplayName("behind by more than 10 000 records: no request, Kafka Streams' own (catch-up) interval commits, until caught up: "
            + "nothing left, or at most 1 000 for a live interval")
    void catchingUp() {
        MockProcessorContext<Object, Object> task = task(pacer);
        CommitPacer.Paced paced = CommitPacer.attach(task);
        ends.put(INPUT, 4_999L);
        assertTrue(asks(task, paced, 0, 9_000), "4 999 to go, never more than 10 000: keeping up");
        ends.put(INPUT, 29_999L);
        assertFalse(asks(task, paced, 1, 10_000), "29 998 records to go");
        assertFalse(asks(task, paced, 19_999, 11_000), "10 000 to go: still catching up");
        assertFalse(asks(task, paced, 29_499, 12_000), "500 to go, since just now");
        nanos.addAndGet(LIVE.toNanos() * 6 / 10);
        ends.put(INPUT, 30_999L);
        assertFalse(asks(task, paced, 29_499, 13_000), "1 500 to go: the wait starts over");
        nanos.addAndGet(LIVE.toNanos() * 6 / 10);
        assertFalse(asks(task, paced, 30_499, 14_000), "500 to go again, since just now");
        nanos.addAndGet(LIVE.toNanos());
        assertTrue(asks(task, paced, 30_499, 15_000),
                "500 to go for a live interval: caught up, the records taken while behind are committed");

        ends.put(INPUT, 60_999L);
        assertFalse(asks(task, paced, 30_999, 16_000), "30 000 to go: catching up again");
        inputs.set(null);
        assertFalse(asks(task, paced, 60_499, 17_000), "unknown inputs (Kafka Streams not RUNNING) count as catching up");
        inputs.set(new CommitPacer.Inputs(tasks, fetchLag));
        assertFalse(asks(task, paced, 60_499, 18_000), "known again, 500 to go: still catching up, since just now");
        assertTrue(asks(task, paced, 60_999, 19_000), "nothing left: caught up at once");
    }

    @Test
    @DisplayName("catching up ends when the lag stays at or below 10 000 for ten live intervals: an instance with a few "
            + "thousand records always in hand keeps up")
    void steadyLag() {
        MockProcessorContext<Object, Object> task = task(pacer);
        CommitPacer.Paced paced = CommitPacer.attach(task);
        ends.put(INPUT, 29_999L);
        assertFalse(asks(task, paced, 0, 10_000), "29 999 to go");
        assertFalse(asks(task, paced, 24_999, 11_000), "5 000 to go, since just now");
        nanos.addAndGet(LIVE.toNanos() * 95 / 10);
        assertFalse(asks(task, paced, 24_999, 12_000), "5 000 to go for 9.5 live intervals");
        nanos.addAndGet(LIVE.toNanos() / 2);
        assertTrue(asks(task, paced, 24_999, 13_000), "for ten: caught up");
    }

    /**
     * {@code paced} takes the record at {@code offset}, then its task punctuates at {@code now}: whether
     * it asked for a commit (forgotten after).
     */
    private static boolean asks(MockProcessorContext<Object, Object> task, CommitPacer.Paced paced, long offset, long now) {
        take(task, paced, offset);
        punctuate(task, now);
        boolean asked = task.committed();
        task.resetCommit();
        return asked;
    }

    @Test
    @DisplayName("the lag is what is not fetched yet and what is polled but not processed: from the next offset taken, or the committed one before any")
    void lagFromOffsets() {
        MockProcessorContext<Object, Object> task = task(pacer);
        CommitPacer.Paced paced = CommitPacer.attach(task);
        ends.put(INPUT, 49_999L);
        fetchLag.put(INPUT, gauge(7));
        assertEquals(50_007L, pacer.lagRecords(), "nothing committed, nothing taken: 50 000 polled, 7 not fetched");
        committed.put(INPUT, 45_000L);
        assertEquals(5_007L, pacer.lagRecords());
        take(task, paced, 47_499);
        assertEquals(2_507L, pacer.lagRecords());
    }

    @Test
    @DisplayName("a partition nothing was polled from counts its fetch lag; one not fetched yet is unknown, for at most the grace")
    void lagBeforeTheFirstPoll() {
        ends.put(INPUT, -1L);
        fetchLag.put(INPUT, gauge(12_345));
        assertEquals(12_345L, pacer.lagRecords());
        assertTrue(pacer.behind());
        fetchLag.clear();
        assertNull(pacer.lagRecords(), "before the partition's first fetch");
        assertTrue(pacer.behind());
        inputs.set(null);
        assertNull(pacer.lagRecords(), "Kafka Streams not RUNNING");
    }

    @Test
    @DisplayName("not asking (pacing off): no punctuation, but what the tasks take still counts in the lag (/health)")
    void followsWithoutAsking() {
        CommitPacer following = new CommitPacer(LIVE, inputs::get, false);
        MockProcessorContext<Object, Object> task = task(following);
        CommitPacer.Paced paced = CommitPacer.attach(task);
        ends.put(INPUT, 99L);
        assertEquals(100L, following.lagRecords());
        take(task, paced, 49);
        assertEquals(50L, following.lagRecords());
        assertTrue(task.scheduledPunctuators().isEmpty());
    }

    /** Two tasks of this pacer, each of which took a record, and what the second tells the pacer. */
    private record TwoTasks(MockProcessorContext<Object, Object> first, MockProcessorContext<Object, Object> second,
                            CommitPacer.Paced secondPaced) {
    }

    private TwoTasks twoTasksThatTookRecords() {
        MockProcessorContext<Object, Object> first = task(pacer);
        MockProcessorContext<Object, Object> second = task(pacer);
        CommitPacer.attach(first).seen();
        CommitPacer.Paced secondPaced = CommitPacer.attach(second);
        secondPaced.seen();
        return new TwoTasks(first, second, secondPaced);
    }

    @Test
    @DisplayName("one request per stream thread and half interval: a request commits all the thread's tasks")
    void oneRequestPerThread() {
        TwoTasks t = twoTasksThatTookRecords();
        punctuate(t.first(), 10_000);
        t.secondPaced().seen();
        punctuate(t.second(), 10_200);
        assertTrue(t.first().committed());
        assertFalse(t.second().committed(), "within half an interval of the first task's request");
        punctuate(t.second(), 10_500);
        assertTrue(t.second().committed(), "half an interval later it asks for the record it took after that request");
    }

    @Test
    @DisplayName("a task whose records its thread's last request came after asks for nothing and stops punctuating: "
            + "once the input stops, one commit, not one per task that took records")
    void coveredByTheThreadsRequest() {
        TwoTasks t = twoTasksThatTookRecords();
        punctuate(t.first(), 10_000);
        assertTrue(t.first().committed());
        punctuate(t.second(), 11_000);
        assertFalse(t.second().committed(), "the first task's request commits the second's records too");
        assertTrue(scheduled(t.second()).isEmpty(), "nothing left to ask for: cancelled");
        t.secondPaced().seen();
        punctuate(t.second(), 12_000);
        assertTrue(t.second().committed(), "a record after the request is its own again");
    }

    @Test
    @DisplayName("the gate is per stream thread: another thread's request does not hold this one back")
    void perThread() throws InterruptedException {
        TwoTasks t = twoTasksThatTookRecords();
        MockProcessorContext<Object, Object> here = t.first();
        MockProcessorContext<Object, Object> there = t.second();
        punctuate(here, 10_000);
        Thread other = new Thread(() -> punctuate(there, 10_100));
        other.start();
        other.join();
        assertTrue(here.committed());
        assertTrue(there.committed());
    }

    @Test
    @DisplayName("without a pacer in the settings (TopologyTestDriver): no punctuation, commits as configured")
    void unpaced() {
        MockProcessorContext<Object, Object> task = task(null);
        CommitPacer.attach(task).seen();
        assertTrue(task.scheduledPunctuators().isEmpty());
        assertFalse(task.committed());
    }
}
