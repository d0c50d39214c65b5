package io.egressmon.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The transactional writer of a poller")
class TransactionalWriterTest {
    private static final List<ProducerRecord<String, byte[]>> SLICE = List.of(
            new ProducerRecord<>("copilot.counter-snapshots", "spoke-a", new byte[] {1}),
            new ProducerRecord<>("copilot.counter-snapshots", "spoke-b", new byte[] {2}),
            new ProducerRecord<>("ingest.watermarks", "spoke-a", new byte[] {3}));

    /** A producer whose commit waits for the broker until the producer is closed, as KafkaProducer's does. */
    private static final class StuckCommit extends MockProducer<String, byte[]> {
        final CountDownLatch committing = new CountDownLatch(1);
        final CountDownLatch closed = new CountDownLatch(1);

        StuckCommit() {
            super(true, null, new StringSerializer(), new ByteArraySerializer());
        }

        @Override
        public void commitTransaction() {
            committing.countDown();
            try {
                if (closed.await(60, TimeUnit.SECONDS)) {
                    throw new KafkaException("The producer closed forcefully");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new TimeoutException("never closed");
        }

        @Override
        public void close(Duration timeout) {
            closed.countDown();
            super.close(timeout);
        }
    }

    private static MockProducer<String, byte[]> mock() {
        return new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
    }

    @Test
    @DisplayName("close() does not wait for a commit stuck on an unreachable broker: the commit fails at once, nothing is written")
    void closeDuringStuckCommit() throws Exception {
        StuckCommit producer = new StuckCommit();
        TransactionalWriter writer = new TransactionalWriter("counters", "egressmon-ingest", () -> producer);
        writer.init();
        CompletableFuture<Void> commit = CompletableFuture.runAsync(() -> writer.commit(SLICE));
        assertTrue(producer.committing.await(10, TimeUnit.SECONDS), "the commit should be under way");

        long started = System.nanoTime();
        writer.close();
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertTrue(took.compareTo(Duration.ofSeconds(3)) < 0, "close() took " + took);
        Exception failed = assertThrows(Exception.class, () -> commit.get(10, TimeUnit.SECONDS));
        assertTrue(failed.getCause() instanceof KafkaException, failed.toString());
        assertFalse(producer.transactionCommitted(), "the slice must not be committed");
        assertThrows(IllegalStateException.class, () -> writer.commit(SLICE), "a closed writer writes nothing");
    }

    @Test
    @DisplayName("a failed commit throws its producer away: the next commit starts a fresh one, and the failure is reported until then")
    void freshProducerAfterFailure() {
        List<MockProducer<String, byte[]>> made = new ArrayList<>();
        TransactionalWriter writer = new TransactionalWriter("counters", "egressmon-ingest", () -> {
            MockProducer<String, byte[]> p = mock();
            if (made.isEmpty()) {
                p.commitTransactionException = new TimeoutException("Timeout expired after 10000ms while awaiting EndTxn(true)");
            }
            made.add(p);
            return p;
        });
        writer.init();

        assertThrows(TimeoutException.class, () -> writer.commit(SLICE));
        assertTrue(made.get(0).closed(), "the failed producer is closed");
        TransactionalWriter.Failure failure = writer.failure();
        assertNotNull(failure);
        assertTrue(failure.reason().contains("EndTxn"), failure.reason());

        writer.commit(SLICE);
        assertEquals(2, made.size(), "the next commit made a new producer");
        assertTrue(made.get(1).transactionCommitted());
        assertEquals(3, made.get(1).history().size());
        assertNull(writer.failure());
        assertNotNull(writer.lastCommit());
        writer.close();
    }

    @Test
    @DisplayName("the first send that fails (no metadata in time) ends the commit: the other records do not each wait again")
    void firstFailedSendEndsTheCommit() {
        AtomicInteger sends = new AtomicInteger();
        MockProducer<String, byte[]> producer = new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer()) {
            @Override
            public synchronized Future<RecordMetadata> send(ProducerRecord<String, byte[]> record, Callback callback) {
                sends.incrementAndGet();
                TimeoutException e = new TimeoutException("Topic copilot.counter-snapshots not present in metadata after 10000 ms.");
                callback.onCompletion(null, e);
                return CompletableFuture.failedFuture(e);
            }
        };
        TransactionalWriter writer = new TransactionalWriter("counters", "egressmon-ingest", () -> producer);
        writer.init();

        assertThrows(TimeoutException.class, () -> writer.commit(SLICE));
        assertEquals(1, sends.get());
        assertFalse(producer.transactionCommitted());
        writer.close();
    }
}
