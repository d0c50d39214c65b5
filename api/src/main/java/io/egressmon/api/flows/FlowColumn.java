package io.egressmon.api.flows;

import io.egressmon.api.BadParameter;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The columns that name a flow. Wildcarding one ({@code aggregate=}) collapses flows that are equal on
 * the others, as ovs-flowmon's aggregates do.
 */
public enum FlowColumn {
    GATEWAY("gateway"), SRC_ADDR("src_addr"), DST_ADDR("dst_addr"), SRC_PORT("src_port"), DST_PORT("dst_port"),
    PROTOCOL("protocol");

    public static final String AGGREGATE = "aggregate";

    private final String key;

    FlowColumn(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    /** The column named {@code key}, or null. */
    public static FlowColumn of(String key) {
        for (FlowColumn c : values()) {
            if (c.key.equals(key)) {
                return c;
            }
        }
        return null;
    }

    /**
     * {@code aggregate=src_port,dst_port}: the wildcarded columns; empty when absent or blank.
     *
     * @throws BadParameter naming {@code aggregate} for an unknown column
     */
    public static Set<FlowColumn> parseAggregate(String text) {
        Set<FlowColumn> columns = EnumSet.noneOf(FlowColumn.class);
        if (text == null || text.isBlank()) {
            return columns;
        }
        for (String part : text.split(",")) {
            String name = part.trim().toLowerCase(Locale.ROOT);
            FlowColumn column = of(name);
            if (column == null) {
                throw new BadParameter(AGGREGATE, "aggregate: '" + part.trim() + "' is not a flow column; columns are "
                        + Arrays.stream(values()).map(FlowColumn::key).collect(Collectors.joining(", ")));
            }
            columns.add(column);
        }
        return columns;
    }

    /** The {@code aggregate=} text of {@code columns}, in column order; null when empty. */
    public static String aggregateText(Set<FlowColumn> columns) {
        return columns.isEmpty() ? null
                : columns.stream().sorted().map(FlowColumn::key).collect(Collectors.joining(","));
    }
}
