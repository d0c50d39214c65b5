package io.egressmon.ingest;

import io.egressmon.ingest.copilot.BadAnswerReason;
import io.egressmon.ingest.copilot.ExchangeMeters;
import io.egressmon.schemas.Topics;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * The poll's families on {@code /metrics} (docs/metrics.md), read from what the ingest already counts
 * ({@link IngestStats}) and where its pollers stand, never counted a second time; and the producers'
 * Kafka metrics. Bound to {@link IngestStats#meters()}, where the ingest records CoPilot's latency.
 * Everything reads live values at scrape time; a watermark not known yet reads NaN.
 */
public final class IngestMetrics implements MeterBinder, AutoCloseable {
    /** Sources of the poll watermark families. */
    static final String COUNTERS = "counters", FLOWIQ = "flowiq", INVENTORY = "inventory";

    private final IngestService ingest;
    private final Clock clock;
    private MeterRegistry bound;

    public IngestMetrics(IngestService ingest) {
        this(ingest, Clock.systemUTC());
    }

    IngestMetrics(IngestService ingest, Clock clock) {
        this.ingest = ingest;
        this.clock = clock;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        IngestStats stats = ingest.stats();
        written(registry, Topics.COUNTER_SNAPSHOTS.name(), stats.snapshotsWritten);
        written(registry, Topics.TALKER_BYTES.name(), stats.flowiqRecordsWritten);
        FunctionCounter.builder("egressmon.ingest.records.written", stats,
                        s -> s.inventoryUpdates.get() + s.inventoryTombstones.get())
                .description("Records the ingest committed to Kafka, by topic")
                .tag("topic", Topics.INVENTORY.name()).register(registry);

        slices(registry, COUNTERS, "committed", stats.slicesCommitted);
        slices(registry, COUNTERS, "failed", stats.slicesFailed);
        slices(registry, FLOWIQ, "committed", stats.flowiqSlicesCommitted);
        slices(registry, FLOWIQ, "failed", stats.flowiqSlicesFailed);
        slices(registry, INVENTORY, "failed", stats.inventoryFailures);

        dropped(registry, "null_value", stats.nullValues);
        dropped(registry, "empty_interfaces", stats.emptyInterfaces);
        dropped(registry, "unknown_shape", stats.unknownShapes);
        dropped(registry, "unreadable_record", stats.unreadableRecords);
        dropped(registry, "flowiq_skipped_bucket", stats.flowiqSkippedBuckets);
        dropped(registry, "flowiq_unexpected_ip", stats.flowiqUnexpectedIps);

        for (BadAnswerReason reason : BadAnswerReason.values()) {
            FunctionCounter.builder(ExchangeMeters.ERRORS, stats, s -> s.badAnswers(reason))
                    .description(ExchangeMeters.ERRORS_HELP).tag("kind", reason.label()).register(registry);
        }
        counter(registry, "egressmon.copilot.retries", "CoPilot requests sent again after a 5xx, a timeout or an I/O error",
                stats.retries);
        counter(registry, "egressmon.copilot.relogins", "Logins because a call found the CoPilot session gone",
                stats.relogins);
        counter(registry, "egressmon.copilot.failed.calls", "CoPilot calls that failed for good, after their retries",
                stats.failedCalls);

        watermark(registry, COUNTERS, known(() -> ingest.counters().cursor()), ingest.config().poll().backfill());
        if (ingest.flowiqEnabled()) {
            watermark(registry, FLOWIQ, known(() -> ingest.flowiq().cursor()), ingest.config().poll().backfill());
        }
        watermark(registry, INVENTORY, ingest.inventory()::refreshedAt, null);

        stats.kafkaClients().bindTo(registry);
        bound = registry;
    }

    /** Takes the producers' metrics off the registry they were bound to. */
    @Override
    public void close() {
        if (bound != null) {
            ingest.stats().kafkaClients().unbind();
            bound = null;
        }
    }

    private static void written(MeterRegistry registry, String topic, AtomicLong count) {
        FunctionCounter.builder("egressmon.ingest.records.written", count, AtomicLong::get)
                .description("Records the ingest committed to Kafka, by topic").tag("topic", topic).register(registry);
    }

    private static void slices(MeterRegistry registry, String source, String outcome, AtomicLong count) {
        FunctionCounter.builder("egressmon.ingest.slices", count, AtomicLong::get)
                .description("Poll slices committed whole or failed (nothing written, polled again), and failed inventory refreshes")
                .tags("source", source, "outcome", outcome).register(registry);
    }

    private static void dropped(MeterRegistry registry, String reason, AtomicLong count) {
        FunctionCounter.builder("egressmon.ingest.dropped", count, AtomicLong::get)
                .description("Parts of CoPilot answers or of the ingest's own topics skipped as unusable, by reason")
                .tag("reason", reason).register(registry);
    }

    private static void counter(MeterRegistry registry, String name, String help, AtomicLong count) {
        FunctionCounter.builder(name, count, AtomicLong::get).description(help).register(registry);
    }

    /**
     * The watermark of {@code source} (epoch seconds), its age, and for a backfilling source
     * ({@code backfill} not null) how much of the backfill window lies behind it.
     */
    private void watermark(MeterRegistry registry, String source, Supplier<Instant> at, Duration backfill) {
        Gauge.builder("egressmon.poll.watermark.timestamp", at, w -> seconds(w.get()))
                .description("How far the poll has read, as Unix time (counters, FlowIQ: the cursor; inventory: the last successful refresh)")
                .baseUnit("seconds").tag("source", source).strongReference(true).register(registry);
        Gauge.builder("egressmon.poll.watermark.age", at, ageSeconds())
                .description("Now minus the poll watermark: how far behind the poll is")
                .baseUnit("seconds").tag("source", source).strongReference(true).register(registry);
        if (backfill != null) {
            Gauge.builder("egressmon.poll.backfill.progress", at, w -> progress(ageSeconds().applyAsDouble(w), backfill))
                    .description("Share of the backfill window the poll has read: 1 - watermark age / EGRESSMON_BACKFILL, in [0, 1]")
                    .baseUnit("ratio").tag("source", source).strongReference(true).register(registry);
        }
    }

    private ToDoubleFunction<Supplier<Instant>> ageSeconds() {
        return w -> {
            double at = seconds(w.get());
            return Double.isNaN(at) ? Double.NaN : Math.max(0, clock.millis() / 1000.0 - at);
        };
    }

    static double progress(double ageSeconds, Duration backfill) {
        if (Double.isNaN(ageSeconds)) {
            return Double.NaN;
        }
        if (backfill.isZero()) {
            return 1;
        }
        return Math.max(0, Math.min(1, 1 - ageSeconds / backfill.toSeconds()));
    }

    /** {@code at}, or null while it cannot be read yet (a poller whose state is not restored). */
    private static Supplier<Instant> known(Supplier<Instant> at) {
        return () -> {
            try {
                return at.get();
            } catch (IllegalStateException notYet) {
                return null;
            }
        };
    }

    /** Epoch seconds of {@code at}; NaN while it is not known (no state restored yet, or no refresh). */
    private static double seconds(Instant at) {
        return at == null ? Double.NaN : at.toEpochMilli() / 1000.0;
    }
}
