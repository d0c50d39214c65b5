package io.egressmon.ingest;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One transactional producer of a poller: a batch of records (a slice's facts and the watermarks
 * that cover them) is committed whole or not at all. Shared by the counter and FlowIQ pollers, each
 * with its own transactional id.
 *
 * <p>The producer is created, and its transactions initialised (fencing any older producer with the
 * same transactional id and aborting what it left open), before the first commit and again after
 * every failed one: a failed commit throws the producer away, whatever the failure, and the caller
 * keeps its watermark and polls the slice again. A fresh producer's {@code initTransactions} aborts
 * whatever the failed one left open, so no half-written slice is ever committed, and no error
 * state of the old producer (a timed-out commit, an out-of-order sequence, an abortable error that
 * the abort itself cannot clear while the broker is away) can wedge the writer. When another
 * instance takes the transactional id over, this writer is {@link #fenced()} for good.
 *
 * <p>How long a commit blocks is bounded by the producer's {@code max.block.ms} and
 * {@code delivery.timeout.ms} ({@link KafkaClients#producerProps}). {@link #close()} does not wait
 * for a commit in progress: it closes the producer under it, which makes the commit fail at once
 * (the slice stays unwritten and is polled again after the restart).
 */
public final class TransactionalWriter implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TransactionalWriter.class);
    /** How long {@link #close()} lets the producer abort an open transaction before it drops it. */
    static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(2);

    private final String what;
    private final String transactionalId;
    private final Supplier<Producer<String, byte[]>> factory;
    /** Held by a commit; {@link #close()} takes it only after the commit has failed or finished. */
    private final ReentrantLock lock = new ReentrantLock();
    /** The live producer; read without the lock by {@link #close()}, so that it can close it under a commit. */
    private volatile Producer<String, byte[]> producer;
    private volatile boolean fenced;
    private volatile boolean closed;
    private volatile Instant lastCommit;
    private volatile Instant failingSince;
    private volatile String lastFailure;

    /**
     * @param what            what is written, for messages ("counters", "FlowIQ talkers")
     * @param transactionalId the producer's {@code transactional.id}, for messages
     * @param factory         makes a new transactional producer (called again after every failed commit)
     */
    public TransactionalWriter(String what, String transactionalId, Supplier<Producer<String, byte[]>> factory) {
        this.what = what;
        this.transactionalId = transactionalId;
        this.factory = factory;
    }

    /** Creates the producer and initialises its transactions (fencing an older instance with the same id). */
    public void init() {
        lock.lock();
        try {
            ensureProducer();
        } finally {
            lock.unlock();
        }
    }

    /** True once another ingest with the same transactional id took over: nothing is written any more. */
    public boolean fenced() {
        return fenced;
    }

    /** When the last commit succeeded, or null before the first. */
    public Instant lastCommit() {
        return lastCommit;
    }

    /** Since when commits fail (null while the last one succeeded), and why the last one failed. */
    public Failure failure() {
        Instant since = failingSince;
        return since == null ? null : new Failure(since, lastFailure);
    }

    /** Commits have failed since {@code since}; {@code reason} is the last failure's message. */
    public record Failure(Instant since, String reason) {
    }

    /** Writes {@code records} in one transaction; throws when they could not all be committed (nothing is then visible). */
    public void commit(List<ProducerRecord<String, byte[]>> records) {
        lock.lock();
        try {
            if (closed || fenced) {
                throw new IllegalStateException(what + " writer " + (fenced ? "fenced" : "closing") + ": slice not written");
            }
            Producer<String, byte[]> p = null;
            try {
                p = ensureProducer();
                p.beginTransaction();
                // A send that cannot get the topic's metadata in time does not throw: it waits up
                // to max.block.ms and hands back a failed future, and the next send waits again —
                // a slice of a few hundred records would block for an hour while Kafka is away.
                AtomicReference<Exception> sendFailed = new AtomicReference<>();
                for (ProducerRecord<String, byte[]> r : records) {
                    p.send(r, (metadata, e) -> {
                        if (e != null) {
                            sendFailed.compareAndSet(null, e);
                        }
                    });
                    Exception failed = sendFailed.get();
                    if (failed != null) {
                        throw failed instanceof KafkaException k ? k : new KafkaException(failed);
                    }
                }
                p.commitTransaction();
                lastCommit = Instant.now();
                failingSince = null;
                lastFailure = null;
            } catch (ProducerFencedException e) {
                fenced = true;
                log.error("another ingest with transactional id '{}' took over; this one stops writing {}",
                        transactionalId, what);
                discard(p);
                throw e;
            } catch (KafkaException | IllegalStateException e) {
                if (!closed) {
                    failed(e);
                }
                discard(p);
                throw e;
            }
        } finally {
            lock.unlock();
        }
    }

    /** The live producer, created and initialised first if the last one was discarded. Holds the lock. */
    private Producer<String, byte[]> ensureProducer() {
        if (closed) {
            throw new IllegalStateException(what + " writer closed");
        }
        Producer<String, byte[]> p = producer;
        if (p != null) {
            return p;
        }
        p = factory.get();
        producer = p;
        // close() sets `closed` before it reads `producer`: either it sees this producer and closes
        // it, or this sees `closed` — a producer made while closing never outlives the close.
        if (closed) {
            discard(p);
            throw new IllegalStateException(what + " writer closed");
        }
        try {
            p.initTransactions();
        } catch (KafkaException | IllegalStateException e) {
            discard(p);
            throw e;
        }
        return p;
    }

    private void failed(RuntimeException e) {
        if (failingSince == null) {
            failingSince = Instant.now();
        }
        lastFailure = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    /** Closes {@code p} without waiting (an open transaction is left for the next producer to abort). */
    private void discard(Producer<String, byte[]> p) {
        if (p == null) {
            return;
        }
        if (producer == p) {
            producer = null;
        }
        try {
            p.close(Duration.ZERO);
        } catch (KafkaException e) {
            log.warn("closing the {} producer: {}", what, e.toString());
        }
    }

    /**
     * Closes the producer, giving it {@link #CLOSE_TIMEOUT} to abort an open transaction; a commit in
     * progress fails at once and its slice is not written. Later commits fail.
     */
    @Override
    public void close() {
        closed = true;
        Producer<String, byte[]> p = producer;
        if (p != null) {
            try {
                p.close(CLOSE_TIMEOUT);
            } catch (KafkaException e) {
                log.warn("closing the {} producer: {}", what, e.toString());
            }
        }
        try {
            // The commit that held the producer has failed by now (its producer is closed); wait
            // for it to let go, so that no commit outlives close(), but never for long.
            if (lock.tryLock(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                try {
                    producer = null;
                } finally {
                    lock.unlock();
                }
            } else {
                log.warn("the {} commit in progress did not stop within {}; closing anyway", what, CLOSE_TIMEOUT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
