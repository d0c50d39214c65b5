package io.egressmon.streams.flows;

import io.egressmon.avro.FlowBatch;
import io.egressmon.avro.FlowTableEntry;
import io.egressmon.avro.FlowTableWindow;
import io.egressmon.streams.BusyPunctuation;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.internals.WrappedStateStore;

/**
 * {@code flow-table-add}: every batch's flows into the partition's live {@link FlowTableStore}; and, on
 * the wall clock, each closed 10-second window of it to {@code flows.table}, one record per gateway
 * (in parts of at most {@value #PART} flows), {@code complete} false when the table did not collect
 * all of it. A window is written {@link #SETTLE} after its end, so batches still on their way from the
 * collector count; one arriving later is in the table and its answers, not in the written window.
 * The wall-clock punctuation runs only while the table holds flows ({@link BusyPunctuation}): it
 * stops once the table is empty (its flows expired, five minutes after their windows were written).
 */
final class FlowTableProcessor implements Processor<String, FlowBatch, String, FlowTableWindow> {
    static final long WINDOW = Duration.ofSeconds(10).toMillis();
    static final long SETTLE = Duration.ofSeconds(2).toMillis();
    static final int PART = 1000;

    private FlowTableStore table;
    private ProcessorContext<String, FlowTableWindow> context;
    /** The end of the last window written: windows that closed before this instance started are not. */
    private long writtenUpTo;
    /** Writes the closed windows every second while the table holds flows. */
    private BusyPunctuation writes;

    static ProcessorSupplier<String, FlowBatch, String, FlowTableWindow> supplier(long maxFlows, Clock clock, FlowStats stats) {
        return new ProcessorSupplier<>() {
            @Override
            public Processor<String, FlowBatch, String, FlowTableWindow> get() {
                return new FlowTableProcessor();
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                return Set.of(FlowTableStore.builder(maxFlows, clock, stats));
            }
        };
    }

    @Override
    public void init(ProcessorContext<String, FlowTableWindow> context) {
        this.context = context;
        StateStore store = context.getStateStore(FlowTableStore.NAME);
        table = store instanceof FlowTableStore t ? t : ((WrappedStateStore<?, ?, ?>) store).findInner(FlowTableStore.class);
        writtenUpTo = Math.floorDiv(context.currentSystemTimeMs(), WINDOW) * WINDOW;
        writes = new BusyPunctuation(context, Duration.ofSeconds(1), this::writeClosedWindows);
    }

    @Override
    public void process(Record<String, FlowBatch> record) {
        // A batch without a gateway key or flows is counted as malformed by the talkers' processor.
        if (record.key() != null && !record.key().isBlank() && record.value() != null && record.value().getFlows() != null
                && record.value().getReceivedAt() != null) {
            if (writes.busy()) {
                // The windows settled while the table was empty had nothing to write — up to this
                // batch's own, which is written even when the batch comes late for it.
                long settled = Math.floorDiv(context.currentSystemTimeMs() - SETTLE, WINDOW) * WINDOW;
                long own = Math.floorDiv(record.value().getReceivedAt().toEpochMilli(), WINDOW) * WINDOW;
                writtenUpTo = Math.max(writtenUpTo, Math.min(settled, own));
            }
            table.add(record.key(), record.value());
        }
    }

    /** Writes the windows closed by {@code now}; returns whether the table still holds flows. */
    private boolean writeClosedWindows(long now) {
        table.expire();
        while (writtenUpTo + WINDOW <= now - SETTLE) {
            long from = writtenUpTo;
            long to = from + WINDOW;
            FlowTableStore.Window window = table.window(from, to);
            // Complete only when this task has read past the window too (stream time = received_at): a
            // task catching up may not have read all of its batches yet.
            boolean complete = window.complete() && context.currentStreamTimeMs() >= to;
            window.flows().forEach((gateway, flows) -> write(gateway, from, to, complete, flows));
            writtenUpTo = to;
        }
        return !table.isEmpty();
    }

    private void write(String gateway, long from, long to, boolean complete, List<FlowTableEntry> flows) {
        int parts = Math.max(1, (flows.size() + PART - 1) / PART);
        for (int p = 0; p < parts; p++) {
            List<FlowTableEntry> part = flows.subList(p * PART, Math.min(flows.size(), (p + 1) * PART));
            context.forward(new Record<>(gateway, new FlowTableWindow(gateway, Instant.ofEpochMilli(from),
                    Instant.ofEpochMilli(to), complete, p + 1, parts, List.copyOf(part)), to));
        }
    }
}
