package io.egressmon.ingest.netflow;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;

/**
 * The templates each exporter announced, per wire format, source id / observation domain and template
 * id. A template with an id already known replaces it (refresh or redefinition alike).
 */
final class TemplateStore {
    /** Templates one exporter may keep; a (corrupted or hostile) stream announcing more is cut back. */
    static final int MAX_PER_EXPORTER = 65536;

    private final Map<InetAddress, Map<Long, Template>> byExporter = new HashMap<>();

    Template get(InetAddress exporter, ExportProtocol protocol, long domain, int templateId) {
        Map<Long, Template> templates = byExporter.get(exporter);
        return templates == null ? null : templates.get(key(protocol, domain, templateId));
    }

    void put(InetAddress exporter, ExportProtocol protocol, long domain, Template template) {
        Map<Long, Template> templates = byExporter.computeIfAbsent(exporter, e -> new HashMap<>());
        if (templates.size() >= MAX_PER_EXPORTER) {
            templates.clear();
        }
        templates.put(key(protocol, domain, template.id()), template);
    }

    /** IPFIX template withdrawal (a template record with field count 0). */
    void withdraw(InetAddress exporter, ExportProtocol protocol, long domain, int templateId) {
        Map<Long, Template> templates = byExporter.get(exporter);
        if (templates != null) {
            templates.remove(key(protocol, domain, templateId));
        }
    }

    /** IPFIX withdraw-all: every template (or every options template) of one observation domain. */
    void withdrawAll(InetAddress exporter, ExportProtocol protocol, long domain, boolean options) {
        Map<Long, Template> templates = byExporter.get(exporter);
        if (templates != null) {
            long domainKey = key(protocol, domain, 0);
            templates.entrySet().removeIf(e -> (e.getKey() & ~0xFFFFL) == domainKey && e.getValue().options() == options);
        }
    }

    int size() {
        return byExporter.values().stream().mapToInt(Map::size).sum();
    }

    /** Wire format in bit 48, 32-bit domain above the 16-bit template id. */
    private static long key(ExportProtocol protocol, long domain, int templateId) {
        return (long) protocol.ordinal() << 48 | (domain & 0xFFFFFFFFL) << 16 | templateId;
    }
}
