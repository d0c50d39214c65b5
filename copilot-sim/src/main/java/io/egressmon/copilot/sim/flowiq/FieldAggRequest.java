package io.egressmon.copilot.sim.flowiq;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.function.Function;

/**
 * A {@code GET /api/flowiq/field_agg} request, validated.
 *
 * @param field the field whose values become the keys
 * @param query which records count ({@code query_string}; match-all when absent)
 * @param gte   first instant of the range, inclusive ({@code date_range[gte]})
 * @param lte   last instant of the range, inclusive ({@code date_range[lte]})
 * @param size  at most this many keys, the biggest ({@code size}, default {@value #DEFAULT_SIZE})
 */
public record FieldAggRequest(FlowField field, LuceneQuery query, Instant gte, Instant lte, int size) {

    public static final int DEFAULT_SIZE = 10;
    public static final int MAX_SIZE = 100_000;

    public FieldAggRequest {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(gte, "gte");
        Objects.requireNonNull(lte, "lte");
        if (gte.isAfter(lte)) {
            throw new IllegalArgumentException("date_range[gte] " + gte + " is after date_range[lte] " + lte);
        }
        if (size < 1 || size > MAX_SIZE) {
            throw new IllegalArgumentException("size must be an integer within 1.." + MAX_SIZE + ", got " + size);
        }
    }

    /**
     * Reads the query parameters as CoPilot takes them: {@code field}, {@code metric} (only
     * {@code bytes}), {@code query_string}, {@code date_range[gte]}, {@code date_range[lte]},
     * {@code date_range[time_zone]} (applies only to timestamps without an offset), {@code interval}
     * (accepted, no effect on a field aggregation), {@code size}.
     *
     * @throws LuceneSyntaxException    when the query string is bad
     * @throws IllegalArgumentException naming the parameter, for anything else that is bad
     */
    public static FieldAggRequest parse(Function<String, String> parameter) {
        String fieldName = parameter.apply("field");
        if (fieldName == null || fieldName.isBlank()) {
            throw new IllegalArgumentException("field is required (one of " + FlowField.names() + ")");
        }
        FlowField field = FlowField.byName(fieldName.trim()).orElseThrow(() -> new IllegalArgumentException(
                "field must be one of " + FlowField.names() + ", got '" + fieldName + "'"));
        String metric = parameter.apply("metric");
        if (metric != null && !metric.equals("bytes")) {
            throw new IllegalArgumentException("metric must be 'bytes' (the only one the simulator keeps), got '"
                    + metric + "'");
        }
        ZoneId zone = zone(parameter.apply("date_range[time_zone]"));
        Instant gte = instant("date_range[gte]", parameter.apply("date_range[gte]"), zone);
        Instant lte = instant("date_range[lte]", parameter.apply("date_range[lte]"), zone);
        int size = size(parameter.apply("size"));
        LuceneQuery query = LuceneQuery.parse(parameter.apply("query_string"));
        return new FieldAggRequest(field, query, gte, lte, size);
    }

    private static ZoneId zone(String text) {
        if (text == null || text.isBlank()) {
            return ZoneOffset.UTC;
        }
        try {
            return ZoneId.of(text.trim());
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("date_range[time_zone] must be an offset such as -05:00 or a zone id,"
                    + " got '" + text + "'");
        }
    }

    private static Instant instant(String name, String text, ZoneId zone) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(name + " is required (ISO-8601, e.g. 2026-01-12T00:00:00.000Z)");
        }
        try {
            return OffsetDateTime.parse(text.trim()).toInstant();
        } catch (DateTimeParseException withoutOffset) {
            try {
                return LocalDateTime.parse(text.trim()).atZone(zone).toInstant();
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(name + " must be an ISO-8601 timestamp such as"
                        + " 2026-01-12T00:00:00.000Z, got '" + text + "'");
            }
        }
    }

    private static int size(String text) {
        if (text == null) {
            return DEFAULT_SIZE;
        }
        try {
            int size = Integer.parseInt(text.trim());
            if (size >= 1 && size <= MAX_SIZE) {
                return size;
            }
        } catch (NumberFormatException e) {
            // falls through to the message below, which names the parameter and the bad value
        }
        throw new IllegalArgumentException("size must be an integer within 1.." + MAX_SIZE + ", got '" + text + "'");
    }
}
