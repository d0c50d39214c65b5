package io.egressmon.ingest.netflow;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;

/**
 * What exporters said about themselves in options data, per exporter, wire format and source id /
 * observation domain: the sampling rate they apply, their sampler table, when their uptime began, and
 * (from their templates) whether they export every packet twice.
 */
final class ExporterOptions {
    /** Samplers one domain may describe; beyond that the table starts over. */
    static final int MAX_SAMPLERS = 4096;
    /** Domains one exporter may have; beyond that (a corrupted stream) they start over. */
    static final int MAX_DOMAINS = 4096;

    /** One domain's options; 0 or {@link ExportContext#UNKNOWN} while not said. */
    static final class Domain {
        private long samplingRate;
        private long systemInitMs = ExportContext.UNKNOWN;
        private final Map<Long, Long> samplerRates = new HashMap<>();
        private boolean doubleExports;

        /** True once the domain showed itself to be Open vSwitch's (see {@link EgressCopies#AUTO}). */
        boolean doubleExports() {
            return doubleExports;
        }

        void doubleExports(boolean yes) {
            doubleExports = yes;
        }

        long samplingRate() {
            return samplingRate;
        }

        long systemInitMs() {
            return systemInitMs;
        }

        /** The rate of sampler {@code samplerId}, 0 when the exporter has not described it. */
        long samplerRate(long samplerId) {
            Long rate = samplerRates.get(samplerId);
            return rate == null ? 0 : rate;
        }

        void samplingRate(long rate) {
            samplingRate = rate;
        }

        void systemInitMs(long ms) {
            systemInitMs = ms;
        }

        void samplerRate(long samplerId, long rate) {
            if (samplerRates.size() >= MAX_SAMPLERS) {
                samplerRates.clear();
            }
            samplerRates.put(samplerId, rate);
        }
    }

    private final Map<InetAddress, Map<Long, Domain>> byExporter = new HashMap<>();

    /** The domain's options, created empty when first asked for. */
    Domain of(ExportContext export) {
        Map<Long, Domain> domains = byExporter.computeIfAbsent(export.exporter(), e -> new HashMap<>());
        long key = (long) export.protocol().ordinal() << 32 | export.domain() & 0xFFFFFFFFL;
        Domain domain = domains.get(key);
        if (domain == null) {
            if (domains.size() >= MAX_DOMAINS) {
                domains.clear();
            }
            domain = new Domain();
            domains.put(key, domain);
        }
        return domain;
    }
}
