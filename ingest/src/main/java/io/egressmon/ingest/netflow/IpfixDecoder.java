package io.egressmon.ingest.netflow;

import java.net.InetAddress;
import java.nio.ByteBuffer;

/**
 * IPFIX (RFC 7011): a 16-byte message header whose length is the datagram's, then sets: 2 templates,
 * 3 options templates, 256 and up data; 0, 1 and 4–255 are reserved and skipped. Templates belong to the
 * exporter and its observation domain; a template record with no fields withdraws one (or, with the
 * set's own id, all) of them.
 */
final class IpfixDecoder {
    static final int HEADER_LENGTH = 16;
    private static final int TEMPLATE_SET = 2;
    private static final int OPTIONS_TEMPLATE_SET = 3;
    private static final int FIRST_DATA_SET = 256;
    private static final int ENTERPRISE_BIT = 0x8000;

    private final TemplatedSets sets;
    private final ExporterOptions exporters;

    IpfixDecoder(TemplatedSets sets, ExporterOptions exporters) {
        this.sets = sets;
        this.exporters = exporters;
    }

    Malformed decode(InetAddress exporter, ByteBuffer b, long receivedAtMs, FlowSink sink) {
        if (b.limit() < HEADER_LENGTH) {
            return Malformed.TRUNCATED;
        }
        if ((b.getShort(2) & 0xFFFF) != b.limit()) {
            return Malformed.BAD_LENGTH;
        }
        long exportSecs = b.getInt(4) & 0xFFFFFFFFL;
        long domain = b.getInt(12) & 0xFFFFFFFFL;
        ExportContext export = new ExportContext(exporter, ExportProtocol.IPFIX, domain, exportSecs * 1000,
                ExportContext.UNKNOWN);
        return FlowSets.each(b, HEADER_LENGTH, (id, from, to) -> {
            if (id == TEMPLATE_SET || id == OPTIONS_TEMPLATE_SET) {
                return templates(export, id == OPTIONS_TEMPLATE_SET, b, from, to, sink);
            }
            return id >= FIRST_DATA_SET ? sets.data(export, id, b, from, to, receivedAtMs, sink) : null; // reserved: skipped
        });
    }

    /**
     * Template records (id, field count) or options template records (id, field count, scope field
     * count), each followed by its field specifiers.
     */
    private Malformed templates(ExportContext export, boolean options, ByteBuffer b, int at, int end, FlowSink sink) {
        int setId = options ? OPTIONS_TEMPLATE_SET : TEMPLATE_SET;
        while (end - at >= 4) {
            int id = b.getShort(at) & 0xFFFF;
            int count = b.getShort(at + 2) & 0xFFFF;
            if (id == 0 && count == 0) {
                break; // padding
            }
            at += 4;
            if (count == 0) { // withdrawal
                if (id == setId) {
                    sets.withdrawAll(export, options);
                } else if (id >= FIRST_DATA_SET) {
                    sets.withdraw(export, id);
                } else {
                    return Malformed.BAD_TEMPLATE;
                }
                continue;
            }
            if (id < FIRST_DATA_SET) {
                return Malformed.BAD_TEMPLATE;
            }
            if (options) {
                if (end - at < 2) {
                    return Malformed.TRUNCATED;
                }
                int scopes = b.getShort(at) & 0xFFFF;
                at += 2;
                if (scopes == 0 || scopes > count) {
                    return Malformed.BAD_TEMPLATE;
                }
            }
            int[] kinds = new int[count];
            int[] lengths = new int[count];
            for (int i = 0; i < count; i++) {
                if (end - at < 4) {
                    return Malformed.TRUNCATED;
                }
                int ie = b.getShort(at) & 0xFFFF;
                lengths[i] = b.getShort(at + 2) & 0xFFFF;
                at += 4;
                if ((ie & ENTERPRISE_BIT) != 0) {
                    // a vendor's element, identified by the next 4 bytes (its enterprise number): skipped,
                    // but VMware's mark the exporter as Open vSwitch, which exports every packet twice
                    if (end - at < 4) {
                        return Malformed.TRUNCATED;
                    }
                    if ((b.getInt(at) & 0xFFFFFFFFL) == EgressCopies.OPEN_VSWITCH_ENTERPRISE) {
                        exporters.of(export).doubleExports(true);
                    }
                    at += 4;
                    kinds[i] = InformationElements.SKIP;
                } else {
                    kinds[i] = InformationElements.kindOf(ie, lengths[i]);
                }
            }
            Template template = Template.of(id, options, kinds, lengths);
            if (template == null) {
                return Malformed.BAD_TEMPLATE;
            }
            sets.define(export, template, sink);
        }
        return null;
    }
}
