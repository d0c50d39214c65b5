package io.egressmon.app;

import io.egressmon.ingest.IngestMetrics;
import io.egressmon.ingest.IngestService;
import io.egressmon.ingest.netflow.CollectorMetrics;
import io.egressmon.ingest.netflow.FlowCollector;
import io.egressmon.streams.web.ScrapeCache;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code /metrics} of the ingest and collector roles (their health port): the JVM and the process,
 * the poll ({@link IngestMetrics}) and the collector ({@link CollectorMetrics}), either of which may
 * be absent. The streams app has its own on its REST port; in {@code egressmon run} each port serves
 * its own role's families (the JVM's on both).
 */
final class IngestMetricsRegistry implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(IngestMetricsRegistry.class);

    private final PrometheusMeterRegistry registry;
    private final ScrapeCache scrapes;
    /** False when the registry is the ingest's own, which outlives this. */
    private final boolean owned;
    private final List<AutoCloseable> closeable = new ArrayList<>();

    /** Over the ingest's own registry (CoPilot's latency is recorded there from its first call), else a new one. */
    IngestMetricsRegistry(IngestService ingest, FlowCollector collector) {
        owned = ingest == null;
        registry = owned ? new PrometheusMeterRegistry(PrometheusConfig.DEFAULT) : ingest.stats().meters();
        JvmGcMetrics gc = new JvmGcMetrics();
        bind(new JvmMemoryMetrics(), gc, new JvmThreadMetrics(), new ClassLoaderMetrics(), new ProcessorMetrics(),
                new UptimeMetrics(), new FileDescriptorMetrics());
        closeable.add(gc);
        if (ingest != null) {
            IngestMetrics poll = new IngestMetrics(ingest);
            bind(poll);
            closeable.add(poll);
        }
        if (collector != null) {
            CollectorMetrics flows = new CollectorMetrics(collector);
            bind(flows);
            closeable.add(flows);
        }
        scrapes = new ScrapeCache(registry);
    }

    private void bind(MeterBinder... binders) {
        for (MeterBinder b : binders) {
            b.bindTo(registry);
        }
    }

    /** {@code GET /metrics}' answer: the Prometheus text of every family, rendered in the background. */
    ScrapeCache scrapes() {
        return scrapes;
    }

    PrometheusMeterRegistry registry() {
        return registry;
    }

    @Override
    public void close() {
        scrapes.close();
        for (AutoCloseable c : closeable) {
            try {
                c.close();
            } catch (Exception e) {
                log.warn("closing {}: {}", c.getClass().getSimpleName(), e.toString());
            }
        }
        if (owned) {
            registry.close();
        }
    }
}
