package io.egressmon.app.flows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.egressmon.api.CollectorHealth;
import io.egressmon.api.IngestHealthAnswer;
import io.egressmon.api.flows.FlowColumn;
import io.egressmon.api.flows.FlowSort;
import io.egressmon.api.flows.FlowsAnswer;
import io.egressmon.api.flows.FlowsRequest;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The monitor's screen")
class MonitorViewTest {
    private static final MonitorState START = MonitorState.of(FlowsRequest.defaults());
    private static final FlowsAnswer ALL = SeedFlows.answer(Set.of(), FlowSort.RATE, true, SeedFlows.T);

    private static MonitorView view(MonitorState state, FlowsAnswer answer, String error) {
        return new MonitorView(state, answer, error, null, null, SeedFlows.T.plusSeconds(10), ZoneOffset.UTC);
    }

    @Test
    @DisplayName("the status line gives time, window, rows/total, matched flows, flows/s over the window and completeness")
    void status() {
        assertEquals("10:00:10  window 10s  rows 5/5  matched 5 flows  0.5 flows/s  complete", view(START, ALL, null).status());
    }

    @Test
    @DisplayName("an answer collected for part of its window is incomplete, since when, and flows/s counts that part only")
    void incomplete() {
        FlowsAnswer partial = SeedFlows.answer(Set.of(), FlowSort.RATE, true, SeedFlows.T.plusSeconds(5));
        assertEquals("10:00:10  window 10s  rows 5/5  matched 5 flows  1.0 flows/s  incomplete (since 10:00:05)",
                view(START, partial, null).status());
    }

    @Test
    @DisplayName("a failed refresh keeps the last rows and says the error and that it retries; paused shows PAUSED")
    void errorAndPause() {
        List<String> lines = view(START.apply(MonitorKey.of('p')), ALL, "cannot reach egressmon at http://x (connection refused)")
                .lines("http://x", 160, 20);
        assertTrue(lines.get(1).endsWith("PAUSED"), lines.get(1));
        assertEquals("error: cannot reach egressmon at http://x (connection refused) (retrying every second)", lines.get(3));
        assertEquals(TableView.lines(ALL), lines.subList(5, 11));
    }

    @Test
    @DisplayName("the screen is exactly its height and width: the table is cut, the help or the prompt stays on the last line")
    void fitsTheScreen() {
        List<String> lines = view(START, ALL, null).lines("http://x", 40, 8);
        assertEquals(8, lines.size());
        assertTrue(lines.stream().allMatch(l -> l.length() <= 40));
        assertEquals(TableView.lines(ALL).get(1).substring(0, 40), lines.get(6), "the first row; no room for more");
        assertEquals(MonitorState.HELP.substring(0, 40), lines.get(7));
        List<String> prompt = view(START.apply(MonitorKey.of('/')).apply(MonitorKey.of('x')), ALL, null).lines("u", 160, 8);
        assertEquals("filter (name=value ..., Enter applies, Esc cancels)> x", prompt.get(7));
    }

    @Test
    @DisplayName("the settings line names the sort, the wildcards, the filter and the gateway")
    void settings() {
        MonitorState state = START.apply(MonitorKey.of('4')).apply(MonitorKey.of('5')).apply(MonitorKey.of('o'));
        List<String> lines = view(state, null, null).lines("http://x", 160, 10);
        assertEquals("sort rate asc  wildcards src_port,dst_port  filter none  gateway all", lines.get(2));
        assertTrue(lines.get(1).endsWith("waiting for the first answer"), lines.get(1));
    }

    @Test
    @DisplayName("the ingest's health reads as exporters, datagrams, drops and malformed datagrams")
    void health() {
        CollectorHealth flows = new CollectorHealth(List.of("udp://0.0.0.0:2055"), Map.of("datagrams", 100L,
                "dropped_unknown_exporter", 3L, "dropped_queue_full", 1L, "malformed_truncated", 2L), null, 0,
                Map.of("127.0.0.1", Map.of("datagrams", 100L)), Map.of());
        assertEquals("collector UP: 1 exporters, 100 datagrams, 4 dropped, 2 malformed",
                MonitorView.health(new IngestHealthAnswer("UP", null, "null", null, Map.of(), null, flows, null, null, null)));
    }

    @Test
    @DisplayName("flows/s is zero for an empty window rather than a division by zero")
    void noTime() {
        FlowsAnswer empty = new FlowsAnswer("flows", "10s", SeedFlows.T, SeedFlows.T, true, SeedFlows.T,
                List.of(FlowColumn.SRC_PORT.key()), "rate", "desc", 50, 3, 0, List.of());
        assertEquals(0.0, MonitorView.flowsPerSecond(empty));
    }
}
