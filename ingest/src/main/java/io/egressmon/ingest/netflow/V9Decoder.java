package io.egressmon.ingest.netflow;

import java.net.InetAddress;
import java.nio.ByteBuffer;

/**
 * NetFlow v9 (RFC 3954): a 20-byte header, then flowsets: 0 templates, 1 options templates, 256 and up
 * data for the template of that id. Templates belong to the exporter and its source id.
 */
final class V9Decoder {
    static final int HEADER_LENGTH = 20;
    private static final int TEMPLATE_FLOWSET = 0;
    private static final int OPTIONS_TEMPLATE_FLOWSET = 1;
    private static final int FIRST_DATA_FLOWSET = 256;

    private final TemplatedSets sets;

    V9Decoder(TemplatedSets sets) {
        this.sets = sets;
    }

    Malformed decode(InetAddress exporter, ByteBuffer b, long receivedAtMs, FlowSink sink) {
        if (b.limit() < HEADER_LENGTH) {
            return Malformed.TRUNCATED;
        }
        // The header's count (records of all flowsets) is not checked: exporters disagree on what it counts.
        long sysUptime = b.getInt(4) & 0xFFFFFFFFL;
        long unixSecs = b.getInt(8) & 0xFFFFFFFFL;
        long sourceId = b.getInt(16) & 0xFFFFFFFFL;
        ExportContext export = new ExportContext(exporter, ExportProtocol.NETFLOW_V9, sourceId, unixSecs * 1000,
                unixSecs * 1000 - sysUptime);
        return FlowSets.each(b, HEADER_LENGTH, (id, from, to) -> {
            if (id == TEMPLATE_FLOWSET) {
                return templates(export, b, from, to, sink);
            } else if (id == OPTIONS_TEMPLATE_FLOWSET) {
                return optionsTemplates(export, b, from, to, sink);
            } else if (id < FIRST_DATA_FLOWSET) {
                return Malformed.BAD_SET;
            }
            return sets.data(export, id, b, from, to, receivedAtMs, sink);
        });
    }

    /** Template records: id, field count, then (type, length) per field. */
    private Malformed templates(ExportContext export, ByteBuffer b, int at, int end, FlowSink sink) {
        while (end - at >= 4) {
            int id = b.getShort(at) & 0xFFFF;
            int count = b.getShort(at + 2) & 0xFFFF;
            if (id == 0 && count == 0) {
                break; // padding
            }
            if (id < FIRST_DATA_FLOWSET || count == 0) {
                return Malformed.BAD_TEMPLATE;
            }
            at += 4;
            if (end - at < count * 4) {
                return Malformed.TRUNCATED;
            }
            Template template = compile(id, false, 0, count, b, at);
            if (template == null) {
                return Malformed.BAD_TEMPLATE;
            }
            sets.define(export, template, sink);
            at += count * 4;
        }
        return null;
    }

    /**
     * Options template records: id, scope length and options length in bytes, then the scope fields
     * (system, interface, line card, cache, template: not information elements, so skipped) and the
     * option fields (sampling interval 34, sampler 48/49/50…).
     */
    private Malformed optionsTemplates(ExportContext export, ByteBuffer b, int at, int end, FlowSink sink) {
        while (end - at >= 6) {
            int id = b.getShort(at) & 0xFFFF;
            int scopeLength = b.getShort(at + 2) & 0xFFFF;
            int optionsLength = b.getShort(at + 4) & 0xFFFF;
            if (id == 0 && scopeLength == 0) {
                break; // padding
            }
            if (id < FIRST_DATA_FLOWSET || scopeLength == 0 || scopeLength % 4 != 0 || optionsLength % 4 != 0) {
                return Malformed.BAD_TEMPLATE;
            }
            at += 6;
            if (end - at < scopeLength + optionsLength) {
                return Malformed.TRUNCATED;
            }
            Template template = compile(id, true, scopeLength / 4, (scopeLength + optionsLength) / 4, b, at);
            if (template == null) {
                return Malformed.BAD_TEMPLATE;
            }
            sets.define(export, template, sink);
            at += scopeLength + optionsLength;
        }
        return null;
    }

    /** {@code count} (type, length) pairs from {@code at}, the first {@code scopes} of them skipped scope fields. */
    private static Template compile(int id, boolean options, int scopes, int count, ByteBuffer b, int at) {
        int[] kinds = new int[count];
        int[] lengths = new int[count];
        for (int i = 0; i < count; i++) {
            int type = b.getShort(at + 4 * i) & 0xFFFF;
            lengths[i] = b.getShort(at + 4 * i + 2) & 0xFFFF;
            if (lengths[i] == InformationElements.VARIABLE_LENGTH) {
                return null; // v9 has no variable-length fields
            }
            kinds[i] = i < scopes ? InformationElements.SKIP : InformationElements.kindOf(type, lengths[i]);
        }
        return Template.of(id, options, kinds, lengths);
    }
}
