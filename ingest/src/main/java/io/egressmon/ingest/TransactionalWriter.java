package io.egressmon.ingest;

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One transactional producer of a poller: a batch of records (a slice's facts and the watermarks
 * that cover them) is committed whole or not at all. Shared by the counter and FlowIQ pollers, each
 * with its own transactional id.
 *
 * <p>{@link #init()} fences any older producer with the same transactional id and aborts what it
 * left open. A failed commit is aborted (or, if the producer cannot go on, replaced by a fresh one)
 * and the exception is rethrown, so the caller keeps its watermark and tries the slice again. When
 * another instance takes the id over, this writer is {@link #fenced()} for good. All methods block.
 */
public final class TransactionalWriter implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TransactionalWriter.class);

    private final String what;
    private final String transactionalId;
    private final Supplier<Producer<String, byte[]>> factory;
    private final Object lock = new Object();
    private Producer<String, byte[]> producer;
    private volatile boolean fenced;
    private volatile boolean closed;

    /**
     * @param what            what is written, for messages ("counters", "FlowIQ talkers")
     * @param transactionalId the producer's {@code transactional.id}, for messages
     * @param factory         makes a new transactional producer (called again after a fatal error)
     */
    public TransactionalWriter(String what, String transactionalId, Supplier<Producer<String, byte[]>> factory) {
        this.what = what;
        this.transactionalId = transactionalId;
        this.factory = factory;
    }

    /** Creates the producer and initialises its transactions (fencing an older instance with the same id). */
    public void init() {
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException(what + " writer closed");
            }
            producer = factory.get();
            producer.initTransactions();
        }
    }

    /** True once another ingest with the same transactional id took over: nothing is written any more. */
    public boolean fenced() {
        return fenced;
    }

    /** Writes {@code records} in one transaction; throws (after aborting) when they could not all be committed. */
    public void commit(List<ProducerRecord<String, byte[]>> records) {
        synchronized (lock) {
            if (closed || producer == null) {
                throw new IllegalStateException(what + " writer " + (fenced ? "fenced" : "closing") + ": slice not written");
            }
            try {
                producer.beginTransaction();
                for (ProducerRecord<String, byte[]> r : records) {
                    producer.send(r);
                }
                producer.commitTransaction();
            } catch (ProducerFencedException e) {
                fenced = true;
                log.error("another ingest with transactional id '{}' took over; this one stops writing {}",
                        transactionalId, what);
                closeProducerQuietly();
                producer = null;
                throw e;
            } catch (OutOfOrderSequenceException | AuthorizationException | UnsupportedVersionException e) {
                // Fatal for this producer instance: a new one (initTransactions) starts clean.
                log.error("the {} producer cannot go on ({}); starting a new one", what, e.toString());
                closeProducerQuietly();
                producer = factory.get();
                producer.initTransactions();
                throw e;
            } catch (KafkaException e) {
                abortOrRenew();
                throw e;
            }
        }
    }

    private void abortOrRenew() {
        try {
            producer.abortTransaction();
        } catch (KafkaException abortFailed) {
            log.warn("cannot abort the failed {} transaction ({}); starting a new producer", what, abortFailed.toString());
            closeProducerQuietly();
            producer = factory.get();
            producer.initTransactions();
        }
    }

    private void closeProducerQuietly() {
        try {
            if (producer != null) {
                producer.close(Duration.ofSeconds(5));
            }
        } catch (KafkaException e) {
            log.warn("closing the {} producer: {}", what, e.toString());
        }
    }

    /** Waits for a commit in progress, then closes the producer; later commits fail. */
    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            closeProducerQuietly();
            producer = null;
        }
    }
}
