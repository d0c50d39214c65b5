package io.egressmon.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CommitPacerTest {
    private static final Duration LIVE = Duration.ofSeconds(1);

    private final AtomicReference<Long> lag = new AtomicReference<>(0L);
    private final CommitPacer pacer = new CommitPacer(LIVE, lag::get);

    private static MockProcessorContext<Object, Object> task(Object pacer) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "pacer-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:9092");
        if (pacer != null) {
            props.put(CommitPacer.CONFIG, pacer);
        }
        return new MockProcessorContext<>(props);
    }

    /** Runs {@code context}'s one punctuation at wall-clock time {@code now} (ms). */
    private static void punctuate(MockProcessorContext<Object, Object> context, long now) {
        assertEquals(1, context.scheduledPunctuators().size());
        MockProcessorContext.CapturedPunctuator p = context.scheduledPunctuators().get(0);
        assertEquals(PunctuationType.WALL_CLOCK_TIME, p.getType());
        assertEquals(LIVE, p.getInterval());
        p.getPunctuator().punctuate(now);
    }

    @Test
    @DisplayName("keeping up: a task that took records asks for a commit at its next punctuation, once")
    void keepingUp() {
        MockProcessorContext<Object, Object> task = task(pacer);
        CommitPacer.Paced paced = CommitPacer.attach(task);
        punctuate(task, 10_000);
        assertFalse(task.committed(), "nothing taken, nothing to commit");
        paced.seen();
        punctuate(task, 11_000);
        assertTrue(task.committed());
        task.resetCommit();
        punctuate(task, 12_000);
        assertFalse(task.committed(), "nothing taken since the last request");
    }

    @Test
    @DisplayName("behind by more than 10 000 records: no request, Kafka Streams' own (catch-up) interval commits")
    void catchingUp() {
        MockProcessorContext<Object, Object> task = task(pacer);
        CommitPacer.Paced paced = CommitPacer.attach(task);
        lag.set(CommitPacer.BEHIND_RECORDS + 1);
        paced.seen();
        punctuate(task, 10_000);
        assertFalse(task.committed());
        lag.set(CommitPacer.BEHIND_RECORDS);
        punctuate(task, 11_000);
        assertTrue(task.committed(), "caught up again: the record taken while behind is committed soon");
        task.resetCommit();
        lag.set(null);
        paced.seen();
        punctuate(task, 12_000);
        assertTrue(task.committed(), "an unknown lag counts as keeping up");
    }

    @Test
    @DisplayName("one request per stream thread and half interval: a request commits all the thread's tasks")
    void oneRequestPerThread() {
        MockProcessorContext<Object, Object> first = task(pacer);
        MockProcessorContext<Object, Object> second = task(pacer);
        CommitPacer.Paced a = CommitPacer.attach(first);
        CommitPacer.Paced b = CommitPacer.attach(second);
        a.seen();
        b.seen();
        punctuate(first, 10_000);
        punctuate(second, 10_200);
        assertTrue(first.committed());
        assertFalse(second.committed(), "the first task's request commits the second's work too");
        punctuate(second, 10_500);
        assertTrue(second.committed(), "half an interval later it may ask again");
    }

    @Test
    @DisplayName("the gate is per stream thread: another thread's request does not hold this one back")
    void perThread() throws InterruptedException {
        MockProcessorContext<Object, Object> here = task(pacer);
        MockProcessorContext<Object, Object> there = task(pacer);
        CommitPacer.Paced a = CommitPacer.attach(here);
        CommitPacer.Paced b = CommitPacer.attach(there);
        a.seen();
        b.seen();
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
