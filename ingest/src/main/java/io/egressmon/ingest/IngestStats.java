package io.egressmon.ingest;

import io.egressmon.ingest.copilot.BadAnswerReason;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counters of what the ingest did and of every oddity it tolerated instead of crashing. Shared by
 * the CoPilot client and the pollers; exposed by {@link #asMap()} (e.g. on {@code /health}) and,
 * through {@link IngestMetrics}, on {@code /metrics}. What is measured rather than counted (CoPilot's
 * latency) is recorded in {@link #meters()} from the start, the registry the ingest's {@code /metrics}
 * serves; the Kafka producers ({@link #kafkaClients()}) are bound to it only when it is served.
 */
public final class IngestStats {
    /** Successful logins, the first one included. */
    public final AtomicLong loginCount = new AtomicLong();
    /** Logins done because a call found the session gone (401/403, a login page, or a first answer of the wrong type). */
    public final AtomicLong relogins = new AtomicLong();
    /** CoPilot requests sent (logins included). */
    public final AtomicLong requests = new AtomicLong();
    /** Requests tried again after a 5xx, a timeout or an I/O error. */
    public final AtomicLong retries = new AtomicLong();
    /** Calls that failed for good (after their retries). */
    public final AtomicLong failedCalls = new AtomicLong();
    /** min/max values that were null or absent in a performance answer. */
    public final AtomicLong nullValues = new AtomicLong();
    /** Performance answer elements with an empty or missing {@code interfaces}. */
    public final AtomicLong emptyInterfaces = new AtomicLong();
    /** Answer parts of an unexpected shape (wrong type, unparsable number, missing name…). */
    public final AtomicLong unknownShapes = new AtomicLong();
    /** Counter snapshots committed to Kafka. */
    public final AtomicLong snapshotsWritten = new AtomicLong();
    /** Of those, BASELINE snapshots. */
    public final AtomicLong baselines = new AtomicLong();
    /** Counter resets found (per gateway and slice that needed a bisection). */
    public final AtomicLong resets = new AtomicLong();
    /** Sub-range queries made to pin a reset down. */
    public final AtomicLong bisections = new AtomicLong();
    /** Slices committed (snapshots and watermarks in one transaction). */
    public final AtomicLong slicesCommitted = new AtomicLong();
    /** Slices that failed (nothing written; polled again on the next tick). */
    public final AtomicLong slicesFailed = new AtomicLong();
    /** Gateway-slices where CoPilot had no usable reading at all. */
    public final AtomicLong gatewaysWithoutMetrics = new AtomicLong();
    /** Inventory records written because a spoke appeared or changed. */
    public final AtomicLong inventoryUpdates = new AtomicLong();
    /** Inventory tombstones written for spokes that disappeared. */
    public final AtomicLong inventoryTombstones = new AtomicLong();
    /** Inventory refreshes that failed. */
    public final AtomicLong inventoryFailures = new AtomicLong();
    /** Records of our own topics that could not be read at start (skipped, logged). */
    public final AtomicLong unreadableRecords = new AtomicLong();
    /** FlowIQ slices committed (all spokes' talker records and watermarks in one transaction). */
    public final AtomicLong flowiqSlicesCommitted = new AtomicLong();
    /** FlowIQ slices that failed (nothing written; polled again on the next tick). */
    public final AtomicLong flowiqSlicesFailed = new AtomicLong();
    /** FlowIQ field_agg sub-queries answered (four per spoke and slice; retries not counted). */
    public final AtomicLong flowiqQueries = new AtomicLong();
    /** Talker records committed to Kafka. */
    public final AtomicLong flowiqRecordsWritten = new AtomicLong();
    /** Sub-queries whose answer filled {@code size}: smaller IPs of that spoke and slice may be missing. */
    public final AtomicLong flowiqTruncatedSubqueries = new AtomicLong();
    /** field_agg keys that could not be read (no key, bytes null or not a whole number, a key twice): skipped. */
    public final AtomicLong flowiqSkippedBuckets = new AtomicLong();
    /** field_agg keys that are not an address of the sub-query's role (e.g. a public IP as an internal source): skipped. */
    public final AtomicLong flowiqUnexpectedIps = new AtomicLong();

    /** Per reason, the CoPilot answers (or TLS handshakes) that could not be used; see {@link BadAnswerReason}. */
    private final Map<BadAnswerReason, AtomicLong> badAnswers = new EnumMap<>(BadAnswerReason.class);
    /**
     * Recorded meters (CoPilot's latency) from the first call on: a registry attached later would
     * miss what was recorded before it (the start of a backfill).
     */
    private final PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final KafkaMeters kafkaClients = new KafkaMeters();

    public IngestStats() {
        for (BadAnswerReason reason : BadAnswerReason.values()) {
            badAnswers.put(reason, new AtomicLong());
        }
    }

    /** Where the ingest records what it measures: the registry its {@code /metrics} serves. */
    public PrometheusMeterRegistry meters() {
        return meters;
    }

    /** The ingest's Kafka producers, whose metrics a role's {@code /metrics} binds. */
    public KafkaMeters kafkaClients() {
        return kafkaClients;
    }

    /** Counts one answer that could not be used for {@code reason}. */
    public void badAnswer(BadAnswerReason reason) {
        badAnswers.get(reason).incrementAndGet();
    }

    /** The answers that could not be used for {@code reason}. */
    public long badAnswers(BadAnswerReason reason) {
        return badAnswers.get(reason).get();
    }

    /** Every reason with its count, by {@link BadAnswerReason#label()}, in the enum's order. */
    public Map<String, Long> badAnswersByReason() {
        Map<String, Long> m = new LinkedHashMap<>();
        badAnswers.forEach((reason, count) -> m.put(reason.label(), count.get()));
        return m;
    }

    /** A consistent-enough copy for reporting, in a stable order. */
    public Map<String, Long> asMap() {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("login_count", loginCount.get());
        m.put("relogins", relogins.get());
        m.put("requests", requests.get());
        m.put("retries", retries.get());
        m.put("failed_calls", failedCalls.get());
        m.put("null_values", nullValues.get());
        m.put("empty_interfaces", emptyInterfaces.get());
        m.put("unknown_shapes", unknownShapes.get());
        m.put("snapshots_written", snapshotsWritten.get());
        m.put("baselines", baselines.get());
        m.put("resets", resets.get());
        m.put("bisections", bisections.get());
        m.put("slices_committed", slicesCommitted.get());
        m.put("slices_failed", slicesFailed.get());
        m.put("gateways_without_metrics", gatewaysWithoutMetrics.get());
        m.put("inventory_updates", inventoryUpdates.get());
        m.put("inventory_tombstones", inventoryTombstones.get());
        m.put("inventory_failures", inventoryFailures.get());
        m.put("unreadable_records", unreadableRecords.get());
        m.put("flowiq_slices_committed", flowiqSlicesCommitted.get());
        m.put("flowiq_slices_failed", flowiqSlicesFailed.get());
        m.put("flowiq_queries", flowiqQueries.get());
        m.put("flowiq_records_written", flowiqRecordsWritten.get());
        m.put("flowiq_truncated_subqueries", flowiqTruncatedSubqueries.get());
        m.put("flowiq_skipped_buckets", flowiqSkippedBuckets.get());
        m.put("flowiq_unexpected_ips", flowiqUnexpectedIps.get());
        return m;
    }

    @Override
    public String toString() {
        return "IngestStats" + asMap() + " bad answers " + badAnswersByReason();
    }
}
