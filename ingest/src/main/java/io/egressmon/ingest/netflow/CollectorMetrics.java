package io.egressmon.ingest.netflow;

import io.egressmon.schemas.Topics;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToLongFunction;

/**
 * The collector's families on {@code /metrics} (docs/metrics.md): totals over every exporter of what
 * {@link CollectorStats} counts for {@code /health} (no per-exporter label: exporters are addresses),
 * the kernel's drops on our sockets, and the producer's Kafka metrics.
 */
public final class CollectorMetrics implements MeterBinder, AutoCloseable {
    private final FlowCollector collector;
    private KafkaClientMetrics producer;

    public CollectorMetrics(FlowCollector collector) {
        this.collector = collector;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        CollectorStats stats = collector.stats();
        total(registry, "egressmon.collector.datagrams", "Datagrams received (NetFlow v5/v9, IPFIX, sFlow), malformed ones included",
                CollectorStats.Exporter::datagrams);
        for (Malformed reason : Malformed.values()) {
            FunctionCounter.builder("egressmon.collector.datagrams.dropped", stats, s -> s.sum(e -> e.malformed(reason)))
                    .description(DATAGRAMS_DROPPED).tag("reason", "malformed_" + label(reason)).register(registry);
        }
        if (FlowCollector.kernelDropsKnown()) {
            FunctionCounter.builder("egressmon.collector.datagrams.dropped", collector, FlowCollector::kernelDrops)
                    .description(DATAGRAMS_DROPPED).tag("reason", "kernel_buffer_full").register(registry);
        }
        total(registry, "egressmon.collector.flows", "Flows decoded from the datagrams (their rate is the flows per second)",
                CollectorStats.Exporter::flows);
        for (Dropped reason : Dropped.values()) {
            FunctionCounter.builder("egressmon.collector.records.dropped", stats, s -> s.sum(e -> e.dropped(reason)))
                    .description("Records or sets read but not turned into flows, by reason").tag("reason", label(reason))
                    .register(registry);
        }
        FunctionCounter.builder("egressmon.ingest.records.written", stats.writtenBatches, AtomicLong::get)
                .description("Records the ingest committed to Kafka, by topic")
                .tag("topic", Topics.FLOW_RECORDS.name()).register(registry);
        FunctionCounter.builder("egressmon.collector.flows.written", stats.writtenFlows, AtomicLong::get)
                .description("Flows in batches Kafka acknowledged (outcome=acknowledged) or refused for good (refused)")
                .tag("outcome", "acknowledged").register(registry);
        FunctionCounter.builder("egressmon.collector.flows.written", stats.failedFlows, AtomicLong::get)
                .description("Flows in batches Kafka acknowledged (outcome=acknowledged) or refused for good (refused)")
                .tag("outcome", "refused").register(registry);
        FunctionCounter.builder("egressmon.collector.decoder.errors", stats.decoderErrors, AtomicLong::get)
                .description("Datagrams a decoder threw on (a bug, logged; also counted malformed)").register(registry);
        Gauge.builder("egressmon.collector.exporters", stats, CollectorStats::exporterCount)
                .description("Exporters that have sent at least one datagram").strongReference(true).register(registry);
        producer = new KafkaClientMetrics(collector.producer());
        producer.bindTo(registry);
    }

    /** Removes the producer's meters (and stops their refresh). */
    @Override
    public void close() {
        if (producer != null) {
            producer.close();
            producer = null;
        }
    }

    private static final String DATAGRAMS_DROPPED = "Datagrams not decoded: malformed, by reason, or dropped by the kernel "
            + "because a socket's receive buffer was full";

    private void total(MeterRegistry registry, String name, String help, ToLongFunction<CollectorStats.Exporter> count) {
        FunctionCounter.builder(name, collector.stats(), s -> s.sum(count)).description(help).register(registry);
    }

    private static String label(Enum<?> reason) {
        return reason.name().toLowerCase(Locale.ROOT);
    }
}
