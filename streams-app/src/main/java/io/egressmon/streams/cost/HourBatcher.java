package io.egressmon.streams.cost;

import io.egressmon.avro.SpokeBandwidthWindow;
import io.egressmon.streams.counters.CommitForwarder;
import io.egressmon.streams.counters.CommitHook;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.StoreBuilder;

/**
 * Collects the final hourly windows the counter part closes, per billing account, and hands them on
 * in one record per account at each commit ({@link CommitForwarder}): a backfill closes thousands of
 * hours between two commits, and each record through the repartition topic costs far more than the
 * few bytes of an hour. Runs in the counter part's task, after {@code counter-windows}; nothing is
 * stored, because what it holds goes out in the commit that also commits the windows.
 */
final class HourBatcher implements Processor<String, SpokeBandwidthWindow, String, List<HourEgress>> {
    /** Holds nothing: tells the batcher when Kafka Streams commits or drops the task's work. */
    static final String STORE_COMMIT_HOOK = "cost-batch-commit";
    /** Hours per record at most: 5 000 hours of a 40-character gateway name are ~300 KB, under Kafka's 1 MB. */
    static final int MAX_BATCH = 5_000;

    private final CostStats stats;
    private final String hourly = Duration.ofHours(1).toString();
    private final Map<String, List<HourEgress>> byAccount = new LinkedHashMap<>();
    private ProcessorContext<String, List<HourEgress>> context;
    private CommitForwarder forwarder;

    HourBatcher(CostStats stats) {
        this.stats = stats;
    }

    static ProcessorSupplier<String, SpokeBandwidthWindow, String, List<HourEgress>> supplier(CostStats stats) {
        return new ProcessorSupplier<>() {
            @Override
            public Processor<String, SpokeBandwidthWindow, String, List<HourEgress>> get() {
                return new HourBatcher(stats);
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                return Set.of(CommitHook.builder(STORE_COMMIT_HOOK));
            }
        };
    }

    @Override
    public void init(ProcessorContext<String, List<HourEgress>> context) {
        this.context = context;
        this.forwarder = CommitForwarder.of(context);
        CommitHook.of(context.getStateStore(STORE_COMMIT_HOOK)).listen(new CommitHook.Listener() {
            @Override
            public void beforeCommit() {
                handOn();
            }

            @Override
            public void discard() {
                byAccount.clear();
            }
        });
    }

    @Override
    public void process(Record<String, SpokeBandwidthWindow> record) {
        SpokeBandwidthWindow w = record.value();
        if (w == null || !hourly.equals(w.getGranularity())) {
            return;
        }
        BillingKey key = BillingKey.of(w);
        if (key == null) {
            stats.increment(BillingKey.whyNot(w));
            return;
        }
        forwarder.seen();
        byAccount.computeIfAbsent(key.text(), k -> new ArrayList<>())
                .add(new HourEgress(w.getGateway(), w.getWindowStart(), Math.max(0, w.getEgressTxBytes())));
    }

    /** Forwards what was collected since the last commit, one record per account (split at {@link #MAX_BATCH}). */
    private void handOn() {
        if (byAccount.isEmpty()) {
            return;
        }
        forwarder.forward(() -> byAccount.forEach((account, hours) -> {
            for (int from = 0; from < hours.size(); from += MAX_BATCH) {
                List<HourEgress> batch = List.copyOf(hours.subList(from, Math.min(hours.size(), from + MAX_BATCH)));
                long latestEnd = batch.stream().mapToLong(e -> e.hourStart().toEpochMilli()).max().orElseThrow()
                        + Duration.ofHours(1).toMillis();
                context.forward(new Record<>(account, batch, latestEnd));
            }
        }));
        byAccount.clear();
    }
}
