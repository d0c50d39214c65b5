package io.egressmon.ingest.ovsdb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * {@link IpfixSettings} as a row of OvS's {@code IPFIX} table, in OVSDB's JSON (RFC 7047 §5.1): a set is
 * {@code ["set",[...]]} (a one-element set may come as the bare value), an absent optional column is
 * the empty set, a reference is {@code ["uuid","..."]}.
 */
final class IpfixRow {
    /** What vswitchd uses when a column is absent (vswitch.conf.db(5)): 1-in-400, domain 0, no cache. */
    private static final long DEFAULT_SAMPLING = 400;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private IpfixRow() {
    }

    static ObjectNode of(IpfixSettings s) {
        ArrayNode targets = NODES.arrayNode();
        s.targets().forEach(targets::add);
        ObjectNode row = NODES.objectNode()
            .<ObjectNode>set("targets", set(targets))
            .put("sampling", s.sampling())
            .put("obs_domain_id", s.obsDomainId())
            .put("cache_active_timeout", s.cacheActiveTimeout())
            .put("cache_max_flows", s.cacheMaxFlows());
        if (s.obsPointId().isPresent()) {
            row.put("obs_point_id", s.obsPointId().getAsLong());
        }
        return row;
    }

    /** Reads a row selected with at least the columns {@link #of} writes. */
    static IpfixSettings settings(JsonNode row) {
        List<String> targets = new ArrayList<>();
        elements(row.path("targets")).forEach(t -> targets.add(t.asText()));
        return new IpfixSettings(targets,
            optionalLong(row.path("sampling")).orElse(DEFAULT_SAMPLING),
            optionalLong(row.path("obs_domain_id")).orElse(0),
            optionalLong(row.path("obs_point_id")),
            optionalLong(row.path("cache_active_timeout")).orElse(0),
            optionalLong(row.path("cache_max_flows")).orElse(0));
    }

    /** The uuid a reference column holds, or null when it holds none. */
    static String uuid(JsonNode datum) {
        List<JsonNode> refs = elements(datum);
        return refs.isEmpty() ? null : refs.get(0).path(1).asText();
    }

    static ArrayNode set(ArrayNode elements) {
        return NODES.arrayNode().add("set").add(elements);
    }

    static ArrayNode emptySet() {
        return set(NODES.arrayNode());
    }

    static ArrayNode namedUuid(String name) {
        return NODES.arrayNode().add("named-uuid").add(name);
    }

    /** A set datum's elements: {@code ["set",[a,b]]} → [a, b]; a bare atom → [it]. */
    private static List<JsonNode> elements(JsonNode datum) {
        List<JsonNode> out = new ArrayList<>();
        if (datum.isArray() && "set".equals(datum.path(0).asText())) {
            datum.path(1).forEach(out::add);
        } else if (!datum.isMissingNode() && !datum.isNull()) {
            out.add(datum);
        }
        return out;
    }

    private static OptionalLong optionalLong(JsonNode datum) {
        List<JsonNode> values = elements(datum);
        return values.isEmpty() ? OptionalLong.empty() : OptionalLong.of(values.get(0).asLong());
    }
}
