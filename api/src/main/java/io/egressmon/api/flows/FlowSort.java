package io.egressmon.api.flows;

import io.egressmon.api.BadParameter;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;

/** What the flow table is sorted by ({@code sort=}); {@code order=asc|desc}. */
public enum FlowSort {
    RATE("rate", Comparator.comparingDouble(FlowRow::rateKbps)),
    BYTES("bytes", Comparator.comparingLong(FlowRow::bytes)),
    PACKETS("packets", Comparator.comparingLong(FlowRow::packets)),
    FLOWS("flows", Comparator.comparingLong(FlowRow::flows)),
    FIRST_SEEN("first_seen", Comparator.comparing(FlowRow::firstSeen, Instant::compareTo)),
    LAST_SEEN("last_seen", Comparator.comparing(FlowRow::lastSeen, Instant::compareTo)),
    GATEWAY("gateway", column(FlowRow::gateway)),
    SRC_ADDR("src_addr", Comparator.comparing(FlowRow::srcAddr, FlowSort::compareAddresses)),
    DST_ADDR("dst_addr", Comparator.comparing(FlowRow::dstAddr, FlowSort::compareAddresses)),
    SRC_PORT("src_port", column(FlowRow::srcPort)),
    DST_PORT("dst_port", column(FlowRow::dstPort)),
    PROTOCOL("protocol", column(FlowRow::protocol));

    public static final String PARAMETER = "sort";
    public static final String ORDER = "order";

    private final String key;
    private final Comparator<FlowRow> ascending;

    FlowSort(String key, Comparator<FlowRow> ascending) {
        this.key = key;
        this.ascending = ascending;
    }

    public String key() {
        return key;
    }

    /**
     * Rows in this order, ties broken by the naming columns ascending, so an answer's order never
     * depends on which instance answered first.
     */
    public Comparator<FlowRow> comparator(boolean descending) {
        Comparator<FlowRow> primary = descending ? ascending.reversed() : ascending;
        return primary.thenComparing(column(FlowRow::gateway))
                .thenComparing(FlowRow::srcAddr, FlowSort::compareAddresses)
                .thenComparing(FlowRow::dstAddr, FlowSort::compareAddresses)
                .thenComparing(column(FlowRow::srcPort)).thenComparing(column(FlowRow::dstPort))
                .thenComparing(column(FlowRow::protocol));
    }

    /** {@code sort=…}. @throws BadParameter naming {@code sort} */
    public static FlowSort parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        for (FlowSort s : values()) {
            if (s.key.equals(t)) {
                return s;
            }
        }
        throw new BadParameter(PARAMETER, "sort='" + text + "' is not one of "
                + Arrays.stream(values()).map(FlowSort::key).collect(Collectors.joining(", ")));
    }

    /** {@code order=asc|desc}: true for descending. @throws BadParameter naming {@code order} */
    public static boolean parseDescending(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        return switch (t) {
            case "desc" -> true;
            case "asc" -> false;
            default -> throw new BadParameter(ORDER, "order='" + text + "' is not asc or desc");
        };
    }

    /** A nullable column, wildcards (null) last. */
    private static <T extends Comparable<T>> Comparator<FlowRow> column(Function<FlowRow, T> value) {
        return Comparator.comparing(value, Comparator.nullsLast(Comparator.naturalOrder()));
    }

    /**
     * IPv4 numerically, then IPv6 by its text (the API writes RFC 5952 text); wildcards (null) last.
     * Cheap: a sort compares each address many times.
     */
    static int compareAddresses(String a, String b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : 1) : -1;
        }
        long x = ipv4(a);
        long y = ipv4(b);
        if (x >= 0 && y >= 0) {
            return Long.compare(x, y);
        }
        if (x >= 0 || y >= 0) {
            return x >= 0 ? -1 : 1;
        }
        return a.compareTo(b);
    }

    /** The value of a dotted-quad IPv4 text, or -1 for anything else. */
    private static long ipv4(String text) {
        long value = 0;
        int octet = 0;
        int digits = 0;
        int dots = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9' && digits < 3) {
                octet = octet * 10 + (c - '0');
                digits++;
            } else if (c == '.' && digits > 0 && dots < 3 && octet <= 255) {
                value = value << 8 | octet;
                octet = 0;
                digits = 0;
                dots++;
            } else {
                return -1;
            }
        }
        return dots == 3 && digits > 0 && octet <= 255 ? value << 8 | octet : -1;
    }
}
