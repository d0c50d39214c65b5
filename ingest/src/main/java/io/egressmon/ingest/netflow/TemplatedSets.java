package io.egressmon.ingest.netflow;

import java.nio.ByteBuffer;

/**
 * Where NetFlow v9 and IPFIX data sets meet their templates: a data set whose template is known is read
 * at once, else held; a template (re)defined releases the sets that waited for it.
 */
final class TemplatedSets {
    private final TemplateStore templates;
    private final HeldSets held;
    private final DataSetReader reader;

    TemplatedSets(TemplateStore templates, HeldSets held, DataSetReader reader) {
        this.templates = templates;
        this.held = held;
        this.reader = reader;
    }

    /** A template record was read: keep it (replacing one with the same id) and read the sets that waited. */
    void define(ExportContext export, Template template, FlowSink sink) {
        templates.put(export.exporter(), export.protocol(), export.domain(), template);
        for (HeldSets.Held h : held.release(export.exporter(), export.protocol(), export.domain(), template.id())) {
            ByteBuffer set = h.buffer();
            // A held set found malformed now cannot make the current datagram malformed: its records
            // up to the problem are read, the rest are lost with it.
            reader.read(h.export(), template, set, 0, set.limit(), sink);
        }
    }

    void withdraw(ExportContext export, int templateId) {
        templates.withdraw(export.exporter(), export.protocol(), export.domain(), templateId);
    }

    void withdrawAll(ExportContext export, boolean options) {
        templates.withdrawAll(export.exporter(), export.protocol(), export.domain(), options);
    }

    /** A data set for {@code templateId} with its records in {@code b[from, to)}. */
    Malformed data(ExportContext export, int templateId, ByteBuffer b, int from, int to, long nowMs, FlowSink sink) {
        Template template = templates.get(export.exporter(), export.protocol(), export.domain(), templateId);
        if (template == null) {
            held.hold(export, templateId, b, from, to, nowMs, sink);
            return null;
        }
        return reader.read(export, template, b, from, to, sink);
    }
}
