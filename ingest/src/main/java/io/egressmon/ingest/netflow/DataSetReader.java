package io.egressmon.ingest.netflow;

import static io.egressmon.ingest.netflow.InformationElements.VARIABLE_LENGTH;

import java.net.UnknownHostException;
import java.nio.ByteBuffer;

/**
 * Reads the records of one NetFlow v9 data flowset or IPFIX data set with its template: flows go to the
 * sink, options records update what is known of their exporter.
 */
final class DataSetReader {
    private final DecoderSettings settings;
    private final ExporterOptions options;
    private final FlowRecord record;

    DataSetReader(DecoderSettings settings, ExporterOptions options) {
        this.settings = settings;
        this.options = options;
        this.record = new FlowRecord(settings.egressCopies());
    }

    /**
     * Reads the records in {@code [from, to)} of {@code b} until fewer bytes are left than the shortest
     * record (padding).
     *
     * @return null, or why the set could not be read to its end (the records before stay read)
     */
    Malformed read(ExportContext export, Template template, ByteBuffer b, int from, int to, FlowSink sink) {
        ExporterOptions.Domain domain = options.of(export);
        long configuredRate = settings.samplingFor(export.exporter());
        int[] kinds = template.kinds();
        int[] lengths = template.lengths();
        long notFlows = 0;
        long egressCopies = 0;
        Malformed malformed = null;
        int at = from;
        records:
        while (to - at >= template.minLength()) {
            record.start(b);
            for (int i = 0; i < kinds.length; i++) {
                int length = lengths[i];
                if (length == VARIABLE_LENGTH) {
                    // RFC 7011 §7: one length byte, or 255 then two length bytes
                    if (at >= to) {
                        malformed = Malformed.TRUNCATED;
                        break records;
                    }
                    length = b.get(at++) & 0xFF;
                    if (length == 255) {
                        if (to - at < 2) {
                            malformed = Malformed.TRUNCATED;
                            break records;
                        }
                        length = b.getShort(at) & 0xFFFF;
                        at += 2;
                    }
                }
                if (length > to - at) {
                    malformed = Malformed.TRUNCATED;
                    break records;
                }
                record.put(kinds[i], at, length);
                at += length;
            }
            if (template.options()) {
                record.applyOptions(domain);
                continue;
            }
            Flow flow;
            try {
                flow = record.toFlow(export, domain, configuredRate);
            } catch (IllegalArgumentException | ArithmeticException | UnknownHostException e) {
                malformed = Malformed.BAD_RECORD;
                break;
            }
            if (flow != null) {
                sink.flow(export.exporter(), flow);
            } else if (record.dropped() == Dropped.EGRESS_COPY) {
                egressCopies++;
            } else {
                notFlows++;
            }
        }
        if (notFlows > 0) {
            sink.dropped(export.exporter(), Dropped.NOT_A_FLOW, notFlows);
        }
        if (egressCopies > 0) {
            sink.dropped(export.exporter(), Dropped.EGRESS_COPY, egressCopies);
        }
        return malformed;
    }
}
