package io.egressmon.app.flows;

import io.egressmon.api.CollectorHealth;
import io.egressmon.api.IngestHealthAnswer;
import io.egressmon.api.flows.FlowColumn;
import io.egressmon.api.flows.FlowsAnswer;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The monitor's screen as text lines, from its state and what the server last said: a title, the status
 * line, the view's settings, a line for the last error or a refused key (long messages would be cut at
 * the end of the status line), the table, and the key help (or the filter prompt) on the last line.
 *
 * @param answer the last answer to the current request, or null before the first
 * @param error  why the last refresh failed, or null when it did not
 * @param health the ingest's counters for the status line, or null when not asked for
 */
record MonitorView(MonitorState state, FlowsAnswer answer, String error, String health, String exporter, Instant now,
                   ZoneId zone) {
    static final String TITLE = "egressmon flows";
    /** Lines above the table: title, status, settings, the message line and the exporter's (or a blank one). */
    private static final int TOP = 5;
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);

    /** Exactly {@code height} lines (blank where there is nothing), none longer than {@code width}. */
    List<String> lines(String url, int width, int height) {
        List<String> lines = new ArrayList<>(height);
        lines.add(TITLE + "  " + url + "  " + clock(now));
        lines.add(status());
        lines.add(settings());
        lines.add(message());
        lines.add(exporter == null ? "" : exporter);
        if (answer != null) {
            List<String> table = TableView.lines(answer);
            lines.addAll(table.subList(0, Math.min(table.size(), Math.max(0, height - TOP - 1))));
        }
        while (lines.size() < height - 1) {
            lines.add("");
        }
        lines.add(state.prompt() != null ? "filter (name=value ..., Enter applies, Esc cancels)> " + state.prompt()
                : MonitorState.HELP);
        return lines.subList(Math.max(0, lines.size() - height), lines.size()).stream()
                .map(l -> l.length() > width ? l.substring(0, Math.max(0, width)) : l).toList();
    }

    /** Time, window, rows/total, matched flows, flows/s, completeness, the ingest's health, and whether paused. */
    String status() {
        StringBuilder s = new StringBuilder(clock(now)).append("  window ").append(state.request().window().key());
        if (answer == null) {
            s.append("  waiting for the first answer");
        } else {
            s.append("  rows ").append(answer.rows().size()).append('/').append(answer.totalRows())
                    .append("  matched ").append(answer.matchedFlows()).append(" flows  ")
                    .append(String.format(Locale.ROOT, "%.1f", flowsPerSecond(answer))).append(" flows/s  ")
                    .append(answer.complete() ? "complete" : "incomplete (since " + clock(answer.coveredFrom()) + ")");
        }
        if (health != null) {
            s.append("  ").append(health);
        }
        if (state.paused()) {
            s.append("  PAUSED");
        }
        return s.toString();
    }

    /** The last refresh's error and what the last key did wrong; blank when all is well. */
    String message() {
        String notice = state.notice() == null ? "" : state.notice();
        return error == null ? notice
                : "error: " + error + " (retrying every second)" + (notice.isEmpty() ? "" : "  " + notice);
    }

    private String settings() {
        String filter = MonitorState.filterText(state.request().filter());
        return "sort " + state.request().sort().key() + (state.request().descending() ? " desc" : " asc")
                + "  wildcards " + (state.request().aggregate().isEmpty() ? "none"
                : FlowColumn.aggregateText(state.request().aggregate()))
                + "  filter " + (filter.isEmpty() ? "none" : filter)
                + "  gateway " + (state.request().filter().gateway() == null ? "all" : state.request().filter().gateway());
    }

    /**
     * Flow records per second: the answer's matched flows over the part of its window that was
     * collected (an instance that started within the window has seen less than all of it).
     */
    static double flowsPerSecond(FlowsAnswer answer) {
        Instant since = answer.coveredFrom().isAfter(answer.from()) ? answer.coveredFrom() : answer.from();
        long millis = Duration.between(since, answer.to()).toMillis();
        return millis <= 0 ? 0 : answer.matchedFlows() * 1000.0 / millis;
    }

    /**
     * The ingest's flow collector in a few words: its state, exporters heard, and datagrams dropped or
     * malformed (a drop is a flow the table will never show).
     */
    static String health(IngestHealthAnswer ingest) {
        CollectorHealth flows = ingest.flows();
        if (flows == null) {
            return "collector " + ingest.status() + " (no flow collector)";
        }
        long dropped = 0;
        long malformed = 0;
        for (Map.Entry<String, Long> e : flows.totals().entrySet()) {
            dropped += e.getKey().startsWith("dropped_") ? e.getValue() : 0;
            malformed += e.getKey().startsWith("malformed_") ? e.getValue() : 0;
        }
        return "collector " + ingest.status() + ": " + flows.exporters().size() + " exporters, "
                + flows.totals().getOrDefault("datagrams", 0L) + " datagrams, " + dropped + " dropped, " + malformed
                + " malformed" + (flows.kernelDrops() == null ? "" : ", " + flows.kernelDrops() + " kernel drops");
    }

    private String clock(Instant t) {
        return CLOCK.format(t.atZone(zone));
    }
}
