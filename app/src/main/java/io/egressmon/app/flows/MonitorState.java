package io.egressmon.app.flows;

import io.egressmon.api.BadParameter;
import io.egressmon.api.QueryParameters;
import io.egressmon.api.flows.FlowColumn;
import io.egressmon.api.flows.FlowFilter;
import io.egressmon.api.flows.FlowSort;
import io.egressmon.api.flows.FlowWindow;
import io.egressmon.api.flows.FlowsAnswer;
import io.egressmon.api.flows.FlowsRequest;
import io.egressmon.api.flows.Protocols;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the monitor shows and asks for: the request of the next refresh, whether refreshes are paused,
 * the filter prompt while it is open, the gateways seen so far (what {@code g} cycles through) and a
 * notice for the status line (a refused filter). {@link #apply} is the whole key map.
 *
 * @param prompt   the filter being typed, or null when the prompt is closed
 * @param gateways gateways seen in answers, sorted
 * @param notice   what the last key did wrong, or null
 */
record MonitorState(FlowsRequest request, boolean paused, String prompt, List<String> gateways, String notice,
                    boolean quit) {
    /** The names a filter takes: the request's filter parameters. */
    static final Set<String> FILTER_NAMES = Set.of(QueryParameters.GATEWAY, FlowFilter.EXPORTER, FlowFilter.SRC_ADDR,
            FlowFilter.DST_ADDR, Protocols.PARAMETER, FlowFilter.PORT);
    static final String HELP = "1-6 wildcard gw/src/dst/sport/dport/proto  s sort  o order  / filter  g gateway"
            + "  w window  p pause  q quit";

    MonitorState {
        Objects.requireNonNull(request, "request");
        gateways = List.copyOf(new TreeSet<>(gateways));
    }

    static MonitorState of(FlowsRequest request) {
        return new MonitorState(request, false, null, List.of(), null, false);
    }

    /** The state after {@code key}. */
    MonitorState apply(MonitorKey key) {
        if (key.kind() == MonitorKey.Kind.INTERRUPT || key.kind() == MonitorKey.Kind.END_OF_INPUT) {
            return new MonitorState(request, paused, null, gateways, notice, true);
        }
        if (prompt != null) {
            return typed(key);
        }
        if (key.kind() != MonitorKey.Kind.CHARACTER) {
            return this;
        }
        char c = key.character();
        if (c >= '1' && c <= '6') {
            return toggle(FlowColumn.values()[c - '1']);
        }
        return switch (c) {
            case 's' -> with(new FlowsRequest(request.window(), request.filter(), request.aggregate(), nextSort(),
                    request.descending(), request.limit()));
            case 'o' -> with(new FlowsRequest(request.window(), request.filter(), request.aggregate(), request.sort(),
                    !request.descending(), request.limit()));
            case 'w' -> with(new FlowsRequest(next(FlowWindow.values(), request.window()), request.filter(),
                    request.aggregate(), request.sort(), request.descending(), request.limit()));
            case 'g' -> withFilter(gateway(request.filter(), nextGateway()));
            case '/' -> new MonitorState(request, paused, filterText(request.filter()), gateways, null, false);
            case 'p' -> new MonitorState(request, !paused, null, gateways, notice, false);
            case 'q' -> new MonitorState(request, paused, null, gateways, notice, true);
            default -> this;
        };
    }

    /** The state with the gateways of {@code answer}'s rows added to those {@code g} cycles through. */
    MonitorState seen(FlowsAnswer answer) {
        Set<String> all = new TreeSet<>(gateways);
        answer.rows().forEach(r -> {
            if (r.gateway() != null) {
                all.add(r.gateway());
            }
        });
        return all.size() == gateways.size() ? this : new MonitorState(request, paused, prompt, List.copyOf(all), notice, quit);
    }

    /** A key while the filter prompt is open: edit, Enter applies, Escape cancels. */
    private MonitorState typed(MonitorKey key) {
        return switch (key.kind()) {
            case CHARACTER -> new MonitorState(request, paused, prompt + key.character(), gateways, null, false);
            case BACKSPACE -> new MonitorState(request, paused, prompt.isEmpty() ? prompt
                    : prompt.substring(0, prompt.length() - 1), gateways, null, false);
            case ESCAPE -> new MonitorState(request, paused, null, gateways, null, false);
            case ENTER -> {
                try {
                    yield withFilter(parseFilter(prompt));
                } catch (BadParameter | IllegalArgumentException e) {
                    // The old filter stays: a typo must not empty the table.
                    yield new MonitorState(request, paused, null, gateways, "filter refused: " + e.getMessage(), false);
                }
            }
            default -> this;
        };
    }

    private MonitorState toggle(FlowColumn column) {
        Set<FlowColumn> aggregate = request.aggregate().isEmpty() ? EnumSet.noneOf(FlowColumn.class)
                : EnumSet.copyOf(request.aggregate());
        if (!aggregate.remove(column)) {
            aggregate.add(column);
        }
        return with(new FlowsRequest(request.window(), request.filter(), aggregate, request.sort(), request.descending(),
                request.limit()));
    }

    /** The next sort key, skipping the wildcarded columns (every row has the same '*' there). */
    private FlowSort nextSort() {
        FlowSort sort = request.sort();
        do {
            sort = next(FlowSort.values(), sort);
        } while (FlowColumn.of(sort.key()) != null && request.aggregate().contains(FlowColumn.of(sort.key())));
        return sort;
    }

    /** All gateways, then each one seen, then all again. */
    private String nextGateway() {
        String current = request.filter().gateway();
        int at = current == null ? -1 : gateways.indexOf(current);
        return at + 1 < gateways.size() ? gateways.get(at + 1) : null;
    }

    private MonitorState withFilter(FlowFilter filter) {
        return with(new FlowsRequest(request.window(), filter, request.aggregate(), request.sort(), request.descending(),
                request.limit()));
    }

    private MonitorState with(FlowsRequest next) {
        return new MonitorState(next, paused, null, gateways, null, false);
    }

    private static <T> T next(T[] values, T current) {
        for (int i = 0; i < values.length; i++) {
            if (values[i] == current) {
                return values[(i + 1) % values.length];
            }
        }
        return values[0];
    }

    private static FlowFilter gateway(FlowFilter f, String gateway) {
        return new FlowFilter(gateway, f.exporter(), f.srcAddr(), f.dstAddr(), f.protocol(), f.port());
    }

    /**
     * {@code src_addr=10.0.0.0/8 protocol=tcp port=80}: the filter those parameters make, read by the
     * server's own rules (so its messages); blank is no filter.
     *
     * @throws BadParameter naming the parameter that is wrong, or a word that is not {@code name=value}
     */
    static FlowFilter parseFilter(String text) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        for (String word : text.trim().split("\\s+")) {
            if (word.isEmpty()) {
                continue;
            }
            int eq = word.indexOf('=');
            if (eq <= 0) {
                throw new BadParameter(word, "'" + word + "' is not name=value; names are "
                        + String.join(", ", new TreeSet<>(FILTER_NAMES)));
            }
            values.computeIfAbsent(word.substring(0, eq), k -> new ArrayList<>()).add(word.substring(eq + 1));
        }
        return FlowFilter.parse(QueryParameters.of(values, FILTER_NAMES));
    }

    /** The filter as {@link #parseFilter} reads it back: {@code name=value} words, empty for none. */
    static String filterText(FlowFilter filter) {
        // A default request but for the filter: its query string holds the filter's parameters only.
        Map<String, String> query = new FlowsRequest(FlowWindow.TEN_SECONDS, filter, Set.of(), FlowSort.RATE, true,
                FlowsRequest.DEFAULT_LIMIT).toQuery().values();
        StringBuilder text = new StringBuilder();
        query.forEach((name, value) -> text.append(text.length() == 0 ? "" : " ").append(name).append('=').append(value));
        return text.toString();
    }
}
