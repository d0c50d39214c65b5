package io.egressmon.ingest.flowiq;

import io.egressmon.avro.FlowiqWatermark;
import io.egressmon.avro.TalkerBytes;
import io.egressmon.ingest.IngestConfig;
import io.egressmon.ingest.IngestStats;
import io.egressmon.ingest.KafkaClients;
import io.egressmon.ingest.SlicePoller;
import io.egressmon.ingest.TransactionalWriter;
import io.egressmon.ingest.copilot.FieldAggAnswer;
import io.egressmon.ingest.copilot.FieldAggBucket;
import io.egressmon.ingest.copilot.InFlightLimit;
import io.egressmon.registry.SchemaRegistry;
import io.egressmon.schemas.Topic;
import io.egressmon.schemas.Topics;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The FlowIQ poll loop (design.md, "FlowIQ top talkers"): per spoke and slice {@code [a, b)}, the
 * four {@link SubQuery sub-queries}, each IP's bytes as a {@code TalkerBytes} record. All spokes share
 * one slice; a slice's records and every polled spoke's {@code FlowiqWatermark} go to Kafka in one
 * transaction (transactional id {@link IngestConfig#flowiqTransactionalId()}), so a slice is either
 * wholly written or not at all, and a failed slice is polled again on the next tick.
 *
 * <p>At start ({@link #restore()}) the producer is initialised (aborting what an older instance left
 * open), then {@code ingest.flowiq-watermarks} is read to its end: polling continues where the last
 * committed slice ended, or {@code backfill} ago (floored to the hour) on the very first start. A
 * spoke whose watermark is not at the slice start (new, or back after an absence) joins there: older
 * history would reach the windows after their grace. Slices are coarse while behind and one live
 * slice at a time once caught up, and a slice is only polled once it ended {@code settle} ago.
 *
 * <p>CoPilot calls go through the shared {@code CopilotClient} (session, retries, TLS, its limit of
 * calls in flight); this poller also keeps at most {@code maxConcurrency} of its own calls queued
 * there, so the counter poller's calls are never stuck behind a whole FlowIQ slice. After the first
 * call that fails for good, the slice's remaining calls are not sent.
 */
public final class FlowiqPoller extends SlicePoller<FlowiqPoller.State> {
    private static final Logger log = LoggerFactory.getLogger(FlowiqPoller.class);

    /** One FlowIQ {@code field_agg} call: {@code CopilotClient::fieldAgg} in production. */
    @FunctionalInterface
    public interface FieldAggSource {
        Future<FieldAggAnswer> fetch(String field, String queryString, Instant gte, Instant lte, int size);
    }

    /**
     * What one poll did. {@code idle} when there was nothing to poll (caught up, or no inventory yet).
     *
     * @param calls     field_agg calls answered (four per spoke; CoPilot's retries are not counted)
     * @param truncated sub-queries whose answer filled {@code size}
     * @param skipped   keys left out: unreadable, or not an address of the sub-query's role
     */
    public record SliceOutcome(Instant start, Instant end, int spokes, int calls, int records, int truncated,
                               int skipped, boolean behind, Duration took, boolean idle) {

        static SliceOutcome idle(Instant cursor) {
            return new SliceOutcome(cursor, cursor, 0, 0, 0, 0, 0, false, Duration.ZERO, true);
        }
    }

    /** One sub-query's answer, read: the records to write and what was left out. */
    record Answer(List<Talker> talkers, boolean truncated, int unreadable, int unexpected) {
    }

    record State(Instant cursor, Map<String, Instant> watermarks) {
    }

    private final Vertx vertx;
    private final IngestConfig config;
    private final FieldAggSource source;
    private final Supplier<Optional<Set<String>>> spokes;
    private final Map<String, Object> consumerProps;
    private final Topic<String, TalkerBytes> talkerBytes;
    private final Topic<String, FlowiqWatermark> watermarks;
    private final IngestStats stats;
    private final Clock clock;
    private final InFlightLimit queued;
    private final AtomicBoolean polling = new AtomicBoolean();
    private boolean catchingUp;

    public FlowiqPoller(Vertx vertx, IngestConfig config, FieldAggSource source, SchemaRegistry registry,
                        Supplier<Optional<Set<String>>> spokes, IngestStats stats, Clock clock) {
        this(vertx, config, source, registry, spokes, stats, clock,
                () -> new KafkaProducer<>(KafkaClients.producerProps(config, "egressmon-ingest-flowiq",
                        config.flowiqTransactionalId())));
    }

    FlowiqPoller(Vertx vertx, IngestConfig config, FieldAggSource source, SchemaRegistry registry,
                 Supplier<Optional<Set<String>>> spokes, IngestStats stats, Clock clock,
                 Supplier<Producer<String, byte[]>> producerFactory) {
        super(vertx, config.poll().interval(), new TransactionalWriter("FlowIQ talkers", config.flowiqTransactionalId(),
                stats.kafkaClients().observing("flowiq", producerFactory)));
        this.vertx = vertx;
        this.config = config;
        this.source = source;
        this.spokes = spokes;
        this.consumerProps = KafkaClients.consumerProps(config, "egressmon-ingest-flowiq-watermarks");
        this.talkerBytes = Topics.TALKER_BYTES.bind(registry);
        this.watermarks = Topics.FLOWIQ_WATERMARKS.bind(registry);
        this.stats = stats;
        this.clock = clock;
        this.queued = new InFlightLimit(config.copilot().maxConcurrency());
    }

    /**
     * Blocking: initialises the transactional producer (fencing any older instance with the same
     * transactional id and aborting its open transaction), then reads the committed watermarks.
     */
    public void restore() {
        writer.init();
        Map<String, Instant> watermarks = new TreeMap<>(KafkaClients.latestByKey(consumerProps, this.watermarks,
                FlowiqWatermark::getPolledUntil, Duration.ofSeconds(60), stats));
        Instant earliest = FlowiqSlice.firstStart(clock.instant(), config.poll().backfill());
        Instant cursor = watermarks.values().stream().max(Instant::compareTo).orElse(null);
        if (cursor == null) {
            cursor = earliest;
            log.info("FlowIQ: no watermarks yet: first start, reading history from {} ({} ago, floored to the hour)",
                    cursor, config.poll().backfill());
        } else if (cursor.isBefore(earliest)) {
            log.warn("FlowIQ: the last committed slice ended at {}, before the backfill horizon {}: continuing from {};"
                    + " the talkers in between are not read", cursor, config.poll().backfill(), earliest);
            cursor = earliest;
        } else {
            log.info("FlowIQ: continuing from {} ({} spoke watermarks)", cursor, watermarks.size());
        }
        state = new State(cursor, Collections.unmodifiableMap(watermarks));
    }

    /** Where the next slice starts (exclusive end of the last committed one). */
    public Instant cursor() {
        return requireState().cursor();
    }

    /** The committed watermarks ({@code polled_until}), by spoke. */
    public Map<String, Instant> watermarks() {
        return requireState().watermarks();
    }

    /** The slice that is due now, if any. */
    public Optional<FlowiqSlice> due() {
        Instant now = clock.instant();
        return FlowiqSlice.next(requireState().cursor(), now, config.flowiq().slice(),
                config.flowiq().backfillSlice(), config.flowiq().settle(),
                FlowiqSlice.hourlyFrom(now, config.flowiq().hourlyBackfill()));
    }

    /** Polls the slice that is due (coarse while behind, one live slice otherwise), or does nothing. */
    public Future<SliceOutcome> pollOnce() {
        State s = requireState();
        Optional<FlowiqSlice> next = due();
        if (next.isEmpty()) {
            return Future.succeededFuture(SliceOutcome.idle(s.cursor()));
        }
        return pollSlice(next.get().start(), next.get().end());
    }

    /**
     * Reads {@code [from, to)} for every current spoke and commits it, moving the cursor to {@code to}.
     * Meant for the loop and for benchmarks ({@link SliceOutcome#calls()} tells what the slice cost
     * CoPilot). {@code from} must not be before {@link #cursor()} (those bytes are written already);
     * after it, the gap is not read. Only one slice is polled at a time.
     */
    public Future<SliceOutcome> pollSlice(Instant from, Instant to) {
        requireState();
        FlowiqSlice slice;
        try {
            slice = new FlowiqSlice(from, to);
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
        if (writer.fenced()) {
            return Future.failedFuture(new IllegalStateException("another ingest with transactional id '"
                    + config.flowiqTransactionalId() + "' took over: this one no longer writes"));
        }
        if (closed) {
            return Future.failedFuture(new IllegalStateException("FlowIQ poller closed"));
        }
        Optional<Set<String>> known = spokes.get();
        if (known.isEmpty()) {
            log.debug("FlowIQ: no inventory yet: slice {} .. {} waits", from, to);
            return Future.succeededFuture(SliceOutcome.idle(requireState().cursor()));
        }
        if (!polling.compareAndSet(false, true)) {
            return Future.failedFuture(new IllegalStateException("a FlowIQ slice is already being polled"));
        }
        State s = state;
        if (from.isBefore(s.cursor())) {
            polling.set(false);
            return Future.failedFuture(new IllegalArgumentException("FlowIQ slice " + from + " .. " + to
                    + " starts before " + s.cursor() + ", up to where the talkers are already written"));
        }
        long started = System.nanoTime();
        List<String> names = new ArrayList<>(new TreeSet<>(known.get()));
        Set<String> joining = new TreeSet<>();
        for (String spoke : names) {
            if (!from.equals(s.watermarks().get(spoke))) {
                joining.add(spoke);
            }
        }
        if (!joining.isEmpty() && !s.watermarks().isEmpty()) {
            log.info("FlowIQ: {} spoke(s) join at {}: {}", joining.size(), from, abbreviate(joining));
        }
        Future<SliceOutcome> done;
        try {
            done = read(slice, names).compose(answers -> vertx.executeBlocking(() -> commit(slice, names, answers), true)
                    .map(v -> outcome(slice, names.size(), answers, started)));
        } catch (RuntimeException e) {
            done = Future.failedFuture(e);
        }
        return done.andThen(ar -> {
            polling.set(false);
            if (ar.succeeded()) {
                progress(ar.result());
            } else {
                stats.flowiqSlicesFailed.incrementAndGet();
                if (closed) {
                    log.info("FlowIQ slice {} .. {} not written: the poller closed while reading it", from, to);
                } else {
                    log.warn("FlowIQ slice {} .. {} failed, nothing written; it is polled again on the next tick: {}",
                            from, to, ar.cause().getMessage());
                }
            }
        });
    }

    /** Every spoke's four sub-queries; fails with the first call that failed for good. */
    private Future<List<Answer>> read(FlowiqSlice slice, List<String> names) {
        int size = config.flowiq().size();
        AtomicReference<Throwable> failed = new AtomicReference<>();
        List<Future<Answer>> calls = new ArrayList<>(names.size() * SubQuery.values().length);
        for (String spoke : names) {
            for (SubQuery q : SubQuery.values()) {
                calls.add(queued.run(() -> {
                    if (failed.get() != null || closed) {
                        return Future.failedFuture(new IllegalStateException("not sent: the slice failed already"));
                    }
                    return source.fetch(q.field(), q.queryString(spoke), slice.gte(), slice.lte(), size)
                            .map(answer -> {
                                stats.flowiqQueries.incrementAndGet();
                                return read(spoke, slice, q, answer, size, stats);
                            })
                            .recover(e -> {
                                Throwable named = new IllegalStateException("FlowIQ " + q + " of " + spoke + ": "
                                        + e.getMessage(), e);
                                failed.compareAndSet(null, named);
                                return Future.failedFuture(named);
                            });
                }));
            }
        }
        return Future.all(calls).<List<Answer>>map(all -> {
            List<Answer> out = new ArrayList<>(calls.size());
            calls.forEach(f -> out.add(f.result()));
            return out;
        }).recover(e -> Future.failedFuture(failed.get() != null ? failed.get() : e));
    }

    /**
     * One sub-query's answer as records. A key that is not an address of the sub-query's role is
     * skipped and counted ({@link IngestStats#flowiqUnexpectedIps}); an answer that filled
     * {@code size} marks every record truncated and is counted.
     */
    static Answer read(String spoke, FlowiqSlice slice, SubQuery q, FieldAggAnswer answer, int size, IngestStats stats) {
        boolean truncated = answer.filled(size);
        if (truncated) {
            stats.flowiqTruncatedSubqueries.incrementAndGet();
            log.debug("FlowIQ {} of {} in {} .. {}: {} keys, the answer is cut at size {}", q, spoke, slice.start(),
                    slice.end(), answer.returned(), size);
        }
        List<Talker> talkers = new ArrayList<>(answer.buckets().size());
        int unexpected = 0;
        for (FieldAggBucket b : answer.buckets()) {
            if (!q.accepts(b.key())) {
                unexpected++;
                stats.flowiqUnexpectedIps.incrementAndGet();
                log.debug("FlowIQ {} of {}: key '{}' is not a {} address: skipped", q, spoke, b.key(), q.role());
                continue;
            }
            talkers.add(new Talker(spoke, slice.start(), slice.end(), q, b.key(), b.bytes(), truncated));
        }
        return new Answer(talkers, truncated, answer.returned() - answer.buckets().size(), unexpected);
    }

    /** Blocking (worker thread): one transaction with the slice's records and every polled spoke's watermark. */
    private Void commit(FlowiqSlice slice, List<String> names, List<Answer> answers) {
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        int talkers = 0;
        for (Answer a : answers) {
            for (Talker t : a.talkers()) {
                records.add(new ProducerRecord<>(talkerBytes.name(), t.gateway(), talkerBytes.serializeValue(t.toAvro())));
                talkers++;
            }
        }
        for (String spoke : names) {
            records.add(new ProducerRecord<>(watermarks.name(), spoke,
                    watermarks.serializeValue(new FlowiqWatermark(spoke, slice.end()))));
        }
        if (closed) {
            throw new IllegalStateException("FlowIQ poller closing: slice not written");
        }
        writer.commit(records);
        stats.flowiqSlicesCommitted.incrementAndGet();
        stats.flowiqRecordsWritten.addAndGet(talkers);
        Map<String, Instant> watermarks = new TreeMap<>(state.watermarks());
        names.forEach(spoke -> watermarks.put(spoke, slice.end()));
        state = new State(slice.end(), Collections.unmodifiableMap(watermarks));
        return null;
    }

    private SliceOutcome outcome(FlowiqSlice slice, int spokes, List<Answer> answers, long startedNanos) {
        int records = 0;
        int truncated = 0;
        int skipped = 0;
        for (Answer a : answers) {
            records += a.talkers().size();
            truncated += a.truncated() ? 1 : 0;
            skipped += a.unreadable() + a.unexpected();
        }
        boolean behind = due().isPresent();
        return new SliceOutcome(slice.start(), slice.end(), spokes, answers.size(), records, truncated, skipped, behind,
                Duration.ofNanos(System.nanoTime() - startedNanos), false);
    }

    private void progress(SliceOutcome o) {
        if (o.idle()) {
            return;
        }
        boolean coarse = o.behind() || o.end().minus(config.flowiq().slice()).isAfter(o.start());
        if (coarse || catchingUp) {
            log.info("FlowIQ slice {} .. {}: {} spokes, {} records, {} truncated sub-queries, {} keys skipped, {} ms{}",
                    o.start(), o.end(), o.spokes(), o.records(), o.truncated(), o.skipped(), o.took().toMillis(),
                    o.behind() ? "" : "; caught up");
        } else {
            log.debug("FlowIQ slice {} .. {}: {} spokes, {} records, {} truncated sub-queries, {} ms", o.start(), o.end(),
                    o.spokes(), o.records(), o.truncated(), o.took().toMillis());
        }
        catchingUp = o.behind();
    }

    @Override
    protected Future<Boolean> pollForLoop() {
        return pollOnce().map(SliceOutcome::behind);
    }
}
