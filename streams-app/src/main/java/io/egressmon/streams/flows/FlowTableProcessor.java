package io.egressmon.streams.flows;

import io.egressmon.avro.FlowBatch;
import java.time.Clock;
import java.util.Set;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.internals.WrappedStateStore;

/** {@code flow-table-add}: every batch's flows into the partition's live {@link FlowTableStore}. */
final class FlowTableProcessor implements Processor<String, FlowBatch, Void, Void> {
    private FlowTableStore table;

    static ProcessorSupplier<String, FlowBatch, Void, Void> supplier(long maxFlows, Clock clock, FlowStats stats) {
        return new ProcessorSupplier<>() {
            @Override
            public Processor<String, FlowBatch, Void, Void> get() {
                return new FlowTableProcessor();
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                return Set.of(FlowTableStore.builder(maxFlows, clock, stats));
            }
        };
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        StateStore store = context.getStateStore(FlowTableStore.NAME);
        while (!(store instanceof FlowTableStore) && store instanceof WrappedStateStore<?, ?, ?> wrapped) {
            store = wrapped.wrapped();
        }
        table = (FlowTableStore) store;
    }

    @Override
    public void process(Record<String, FlowBatch> record) {
        // A batch without a gateway key or flows is counted as malformed by the talkers' processor.
        if (record.key() != null && !record.key().isBlank() && record.value() != null && record.value().getFlows() != null
                && record.value().getReceivedAt() != null) {
            table.add(record.key(), record.value());
        }
    }
}
