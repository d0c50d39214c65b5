package io.egressmon.ingest.counters;

import io.egressmon.avro.CounterSnapshot;
import io.egressmon.avro.PollWatermark;
import io.egressmon.ingest.IngestConfig;
import io.egressmon.ingest.IngestStats;
import io.egressmon.ingest.KafkaClients;
import io.egressmon.ingest.SlicePoller;
import io.egressmon.ingest.TransactionalWriter;
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
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The counter poll loop (design.md, "Counter readings" and "Slices"). All spokes share one slice;
 * a slice's snapshots and the updated watermarks go to Kafka in one transaction, so a slice is
 * either wholly written or not at all, and a failed slice is polled again on the next tick.
 *
 * <p>At start ({@link #restore()}) the transactional producer is initialised first (which aborts
 * whatever a previous instance left open), then {@code ingest.watermarks} is read to its end: the
 * loop continues where the last committed slice ended. With no watermarks at all it starts
 * {@code backfill} ago, floored to the hour. A gateway whose watermark is not at the slice start
 * (new, or back after an absence) gets a BASELINE at the slice start.
 */
public final class CounterPoller extends SlicePoller<CounterPoller.State> {
    private static final Logger log = LoggerFactory.getLogger(CounterPoller.class);
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(30);

    /** What one poll did. {@code idle} when there was nothing to poll (caught up, or no inventory yet). */
    public record SliceOutcome(Instant start, Instant end, int gateways, int snapshots, int resets, int bisections,
                               int baselines, int gatewaysWithoutMetrics, boolean behind, Duration took, boolean idle) {

        static SliceOutcome idle(Instant cursor) {
            return new SliceOutcome(cursor, cursor, 0, 0, 0, 0, 0, 0, false, Duration.ZERO, true);
        }
    }

    record State(Instant cursor, Map<String, Watermark> watermarks) {
    }

    private final Vertx vertx;
    private final IngestConfig config;
    private final SliceReader reader;
    private final Supplier<Optional<Set<String>>> spokes;
    private final Map<String, Object> consumerProps;
    private final Topic<String, CounterSnapshot> snapshots;
    private final Topic<String, PollWatermark> watermarks;
    private final IngestStats stats;
    private final Clock clock;

    private final AtomicBoolean polling = new AtomicBoolean();

    // Progress of a catch-up (backfill), touched only by the poll that holds `polling`.
    private Instant catchUpFrom;
    private Instant lastProgressAt;
    private int lastDecile;
    private int catchUpSlices;
    private int catchUpBisections;
    private long catchUpStartedNanos;

    public CounterPoller(Vertx vertx, IngestConfig config, SliceReader reader, SchemaRegistry registry,
                         Supplier<Optional<Set<String>>> spokes, IngestStats stats, Clock clock) {
        this(vertx, config, reader, registry, spokes, stats, clock,
                () -> new KafkaProducer<>(KafkaClients.producerProps(config, "egressmon-ingest-counters",
                        config.poll().transactionalId())));
    }

    CounterPoller(Vertx vertx, IngestConfig config, SliceReader reader, SchemaRegistry registry,
                  Supplier<Optional<Set<String>>> spokes, IngestStats stats, Clock clock,
                  Supplier<Producer<String, byte[]>> producerFactory) {
        super(vertx, config.poll().interval(), new TransactionalWriter("counters", config.poll().transactionalId(),
                stats.kafkaClients().observing("counters", producerFactory)));
        this.vertx = vertx;
        this.config = config;
        this.reader = reader;
        this.spokes = spokes;
        this.consumerProps = KafkaClients.consumerProps(config, "egressmon-ingest-watermarks");
        this.snapshots = Topics.COUNTER_SNAPSHOTS.bind(registry);
        this.watermarks = Topics.POLL_WATERMARKS.bind(registry);
        this.stats = stats;
        this.clock = clock;
    }

    /**
     * Blocking: initialises the transactional producer (fencing any older instance with the same
     * transactional id and aborting its open transaction), then reads the committed watermarks.
     */
    public void restore() {
        writer.init();
        Map<String, Watermark> watermarks = new TreeMap<>(KafkaClients.latestByKey(consumerProps, this.watermarks,
                Watermark::fromAvro, Duration.ofSeconds(60), stats));
        Instant now = clock.instant();
        Instant earliest = Slice.firstStart(now, config.poll().backfill());
        Instant cursor = watermarks.values().stream().map(Watermark::polledUntil).max(Instant::compareTo).orElse(null);
        if (cursor == null) {
            cursor = earliest;
            log.info("no watermarks yet: first start, reading history from {} ({} ago, floored to the hour)",
                    cursor, config.poll().backfill());
        } else if (cursor.isBefore(earliest)) {
            log.warn("the last committed slice ended at {}, before the backfill horizon {}: continuing from {};"
                    + " every gateway starts again with a baseline", cursor, config.poll().backfill(), earliest);
            cursor = earliest;
        } else {
            log.info("continuing from {} ({} gateway watermarks)", cursor, watermarks.size());
        }
        state = new State(cursor, Collections.unmodifiableMap(watermarks));
    }

    /** Where the next slice starts. */
    public Instant cursor() {
        return requireState().cursor();
    }

    /** The committed watermarks, by gateway. */
    public Map<String, Watermark> watermarks() {
        return requireState().watermarks();
    }

    /** Polls the slice that is due (coarse while behind, up to now otherwise), or does nothing when caught up. */
    public Future<SliceOutcome> pollOnce() {
        State s = requireState();
        Optional<Slice> next = Slice.next(s.cursor(), clock.instant(), config.poll().backfillSlice());
        if (next.isEmpty()) {
            return Future.succeededFuture(SliceOutcome.idle(s.cursor()));
        }
        return pollSlice(next.get().start(), next.get().end());
    }

    /**
     * Reads {@code [from, to]} for every current spoke and commits it, moving the cursor to
     * {@code to}. Meant for the loop and for benchmarks. {@code from} must not be before
     * {@link #cursor()}; after it, every gateway starts again with a baseline (the gap is not read).
     * Only one slice is polled at a time.
     */
    public Future<SliceOutcome> pollSlice(Instant from, Instant to) {
        requireState();
        Slice slice = new Slice(from, to);
        if (writer.fenced()) {
            return Future.failedFuture(new IllegalStateException("another ingest with transactional id '"
                    + config.poll().transactionalId() + "' took over: this one no longer writes"));
        }
        if (closed) {
            return Future.failedFuture(new IllegalStateException("counter poller closed"));
        }
        Optional<Set<String>> known = spokes.get();
        if (known.isEmpty()) {
            log.debug("no inventory yet: slice {} .. {} waits", from, to);
            return Future.succeededFuture(SliceOutcome.idle(requireState().cursor()));
        }
        if (!polling.compareAndSet(false, true)) {
            return Future.failedFuture(new IllegalStateException("a slice is already being polled"));
        }
        State s = state;
        if (from.isBefore(s.cursor())) {
            // Readings earlier than ones already written would be dropped downstream as out of order.
            polling.set(false);
            return Future.failedFuture(new IllegalArgumentException("slice " + from + " .. " + to
                    + " starts before " + s.cursor() + ", up to where the counters are already written"));
        }
        long started = System.nanoTime();
        boolean behind = slice.behind(clock.instant());
        Snapshot.Kind kind = behind ? Snapshot.Kind.BACKFILL : Snapshot.Kind.LIVE;
        Map<String, Map<String, Counters>> lastByGateway = new TreeMap<>();
        Set<String> joining = new TreeSet<>();
        for (String gateway : known.get()) {
            Watermark w = s.watermarks().get(gateway);
            if (w != null && w.polledUntil().equals(from)) {
                lastByGateway.put(gateway, w.last());
            } else {
                lastByGateway.put(gateway, Map.of());
                joining.add(gateway);
            }
        }
        if (!joining.isEmpty() && !s.watermarks().isEmpty()) {
            log.info("{} gateway(s) start with a baseline at {}: {}", joining.size(), from, abbreviate(joining));
        }
        Future<SliceOutcome> done;
        try {
            done = reader.read(from, to, kind, lastByGateway)
                    .compose(result -> vertx.executeBlocking(() -> commit(slice, result), true)
                            .map(v -> outcome(result, behind, started)));
        } catch (RuntimeException e) {
            done = Future.failedFuture(e);
        }
        return done.andThen(ar -> {
            if (ar.succeeded()) {
                progress(slice, ar.result());
                polling.set(false);
            } else {
                polling.set(false);
                stats.slicesFailed.incrementAndGet();
                if (closed) {
                    log.info("slice {} .. {} not written: the poller closed while reading it", from, to);
                } else {
                    log.warn("slice {} .. {} failed, nothing written; it is polled again on the next tick: {}",
                            from, to, ar.cause().getMessage());
                }
            }
        });
    }

    private SliceOutcome outcome(SliceReader.SliceResult r, boolean behind, long startedNanos) {
        return new SliceOutcome(r.start(), r.end(), r.gateways(), r.snapshots().size(), r.resets(), r.bisections(),
                r.baselines(), r.gatewaysWithoutMetrics(), behind, Duration.ofNanos(System.nanoTime() - startedNanos), false);
    }

    /** Blocking (worker thread): one transaction with the slice's snapshots and every participant's watermark. */
    private Void commit(Slice slice, SliceReader.SliceResult result) {
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>(result.snapshots().size() + 2 * result.last().size());
        Set<String> read = new HashSet<>();
        for (Snapshot snapshot : result.snapshots()) {
            read.add(snapshot.gateway());
            records.add(new ProducerRecord<>(snapshots.name(), snapshot.gateway(), snapshots.serializeValue(snapshot.toAvro())));
        }
        // Every gateway polled without a usable reading still says how far it was polled, in its own
        // partition's order: the streams app then knows its silence is not a backlog.
        for (String gateway : result.last().keySet()) {
            if (!read.contains(gateway)) {
                Snapshot mark = Snapshot.progress(gateway, slice.start(), slice.end());
                records.add(new ProducerRecord<>(snapshots.name(), gateway, snapshots.serializeValue(mark.toAvro())));
            }
        }
        Map<String, Watermark> updated = new HashMap<>();
        result.last().forEach((gateway, last) -> {
            Watermark w = new Watermark(gateway, slice.end(), last);
            updated.put(gateway, w);
            records.add(new ProducerRecord<>(watermarks.name(), gateway, watermarks.serializeValue(w.toAvro())));
        });
        if (closed) {
            throw new IllegalStateException("counter poller closing: slice not written");
        }
        writer.commit(records);
        stats.slicesCommitted.incrementAndGet();
        stats.snapshotsWritten.addAndGet(result.snapshots().size());
        // Counted once the slice is written: a slice that fails is read again, and would count twice.
        stats.resets.addAndGet(result.resets());
        stats.bisections.addAndGet(result.bisections());
        stats.gatewaysWithoutMetrics.addAndGet(result.gatewaysWithoutMetrics());
        stats.baselines.addAndGet(result.snapshots().stream().filter(s -> s.kind() == Snapshot.Kind.BASELINE).count());
        Map<String, Watermark> watermarks = new TreeMap<>(state.watermarks());
        watermarks.putAll(updated);
        state = new State(slice.end(), Collections.unmodifiableMap(watermarks));
        return null;
    }

    private void progress(Slice slice, SliceOutcome o) {
        if (o.idle()) {
            return;
        }
        Instant now = clock.instant();
        if (catchUpFrom == null) {
            if (!o.behind()) {
                log.debug("slice {} .. {}: {} gateways, {} snapshots, {} resets, {} bisections, {} ms",
                        slice.start(), slice.end(), o.gateways(), o.snapshots(), o.resets(), o.bisections(), o.took().toMillis());
                return;
            }
            catchUpFrom = slice.start();
            lastProgressAt = now;
            lastDecile = 0;
            catchUpSlices = 0;
            catchUpBisections = 0;
            catchUpStartedNanos = System.nanoTime() - o.took().toNanos();
            log.info("backfill from {} to now: {} gateways, slices of {}", catchUpFrom, o.gateways(), config.poll().backfillSlice());
        }
        catchUpSlices++;
        catchUpBisections += o.bisections();
        Instant limit = now.truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
        long total = Math.max(1, Duration.between(catchUpFrom, limit).toSeconds());
        long done = Duration.between(catchUpFrom, slice.end()).toSeconds();
        int percent = (int) Math.min(100, done * 100 / total);
        if (!o.behind()) {
            log.info("backfill done up to {}: {} slices, {} bisections in {} s", slice.end(), catchUpSlices,
                    catchUpBisections, Duration.ofNanos(System.nanoTime() - catchUpStartedNanos).toSeconds());
            catchUpFrom = null;
            return;
        }
        if (percent / 10 > lastDecile || !Duration.between(lastProgressAt, now).minus(PROGRESS_EVERY).isNegative()) {
            lastDecile = percent / 10;
            lastProgressAt = now;
            log.info("backfill {}% (up to {}): {} slices, {} bisections", percent, slice.end(), catchUpSlices, catchUpBisections);
        }
    }

    @Override
    protected Future<Boolean> pollForLoop() {
        return pollOnce().map(SliceOutcome::behind);
    }
}
