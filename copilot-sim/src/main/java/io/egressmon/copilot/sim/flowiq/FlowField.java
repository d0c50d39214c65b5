package io.egressmon.copilot.sim.flowiq;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** The fields of a FlowIQ flow record that queries and aggregations can name. */
public enum FlowField {
    SRC_ADDR("netflow.src_addr", Kind.IP),
    DST_ADDR("netflow.dst_addr", Kind.IP),
    GW_NAME("netflow.gw_name", Kind.KEYWORD),
    SRC_PORT("netflow.src_port", Kind.NUMBER),
    DST_PORT("netflow.dst_port", Kind.NUMBER),
    PROTOCOL("netflow.protocol", Kind.NUMBER);

    /** How a field's values are compared: IPs also match CIDR terms, numbers are parsed. */
    public enum Kind { IP, KEYWORD, NUMBER }

    private final String fieldName;
    private final Kind kind;

    FlowField(String fieldName, Kind kind) {
        this.fieldName = fieldName;
        this.kind = kind;
    }

    /** The name as CoPilot spells it, e.g. {@code netflow.dst_addr}. */
    public String fieldName() {
        return fieldName;
    }

    public Kind kind() {
        return kind;
    }

    public static Optional<FlowField> byName(String name) {
        return Arrays.stream(values()).filter(f -> f.fieldName.equals(name)).findFirst();
    }

    /** For error messages: every field name, comma-separated. */
    public static String names() {
        return Arrays.stream(values()).map(FlowField::fieldName).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return fieldName;
    }
}
