package io.egressmon.app.flows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import io.egressmon.api.BadParameter;
import io.egressmon.api.flows.Cidr;
import io.egressmon.api.flows.FlowColumn;
import io.egressmon.api.flows.FlowFilter;
import io.egressmon.api.flows.FlowSort;
import io.egressmon.api.flows.FlowWindow;
import io.egressmon.api.flows.FlowsRequest;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The monitor's keys")
class MonitorStateTest {
    private static final MonitorState START = MonitorState.of(FlowsRequest.defaults());

    private static MonitorState press(MonitorState state, String keys) {
        for (char c : keys.toCharArray()) {
            state = state.apply(MonitorKey.of(c));
        }
        return state;
    }

    private static MonitorState enter(MonitorState state) {
        return state.apply(MonitorKey.of(MonitorKey.Kind.ENTER));
    }

    @Test
    @DisplayName("1 to 6 wildcard gateway, src_addr, dst_addr, src_port, dst_port, protocol; pressed again they name the column again")
    void wildcards() {
        assertEquals(Set.of(FlowColumn.SRC_PORT, FlowColumn.DST_PORT), press(START, "45").request().aggregate());
        assertEquals(Set.of(FlowColumn.GATEWAY, FlowColumn.SRC_ADDR, FlowColumn.DST_ADDR, FlowColumn.PROTOCOL),
                press(START, "1236").request().aggregate());
        assertEquals(Set.of(FlowColumn.DST_PORT), press(START, "454").request().aggregate());
    }

    @Test
    @DisplayName("s cycles the sort keys, skipping wildcarded columns; o flips the order")
    void sortAndOrder() {
        assertEquals(FlowSort.BYTES, press(START, "s").request().sort());
        assertEquals(FlowSort.RATE, press(START, "s".repeat(FlowSort.values().length)).request().sort(), "round and back");
        MonitorState bySrcAddr = press(START, "sssssss");
        assertEquals(FlowSort.SRC_ADDR, bySrcAddr.request().sort());
        MonitorState byDstAddr = press(START, "4" + "s".repeat(8));
        assertEquals(FlowSort.DST_ADDR, byDstAddr.request().sort());
        assertEquals(FlowSort.DST_PORT, press(byDstAddr, "s").request().sort(), "src_port is wildcarded: skipped");
        assertFalse(press(START, "o").request().descending());
        assertTrue(press(START, "oo").request().descending());
    }

    @Test
    @DisplayName("w cycles the windows 10s, 1m, 5m; p pauses and resumes; q quits")
    void windowPauseQuit() {
        assertEquals(FlowWindow.MINUTE, press(START, "w").request().window());
        assertEquals(FlowWindow.FIVE_MINUTES, press(START, "ww").request().window());
        assertEquals(FlowWindow.TEN_SECONDS, press(START, "www").request().window());
        assertTrue(press(START, "p").paused());
        assertFalse(press(START, "pp").paused());
        assertTrue(press(START, "q").quit());
        assertFalse(press(START, "x").quit(), "other keys do nothing");
        assertEquals(START, press(START, "x"));
    }

    @Test
    @DisplayName("Ctrl-C and the end of input quit too, also while the filter prompt is open")
    void interrupt() {
        assertTrue(START.apply(MonitorKey.of(new KeyStroke('c', true, false))).quit());
        assertTrue(press(START, "/").apply(MonitorKey.of(new KeyStroke(KeyType.EOF))).quit());
        assertFalse(START.apply(MonitorKey.of(new KeyStroke('c', false, false))).quit(), "a plain c does not");
    }

    @Test
    @DisplayName("/ opens the prompt, typed words become the filter on Enter; q typed there is text, not quit")
    void filter() {
        MonitorState typed = press(press(START, "/"), "src_addr=10.0.0.0/8 protocol=tcp port=80 q");
        assertFalse(typed.quit());
        typed = typed.apply(MonitorKey.of(MonitorKey.Kind.BACKSPACE)).apply(MonitorKey.of(MonitorKey.Kind.BACKSPACE));
        MonitorState applied = enter(typed);
        assertNull(applied.prompt());
        assertEquals(new FlowFilter(null, null, Cidr.parse("src_addr", "10.0.0.0/8"), null, 6, 80), applied.request().filter());
        assertEquals("src_addr=10.0.0.0/8 protocol=6 port=80", MonitorState.filterText(applied.request().filter()));
        assertEquals("src_addr=10.0.0.0/8 protocol=6 port=80", press(applied, "/").prompt(), "the prompt starts from the filter");
    }

    @Test
    @DisplayName("a blank filter clears it; Escape leaves it as it was")
    void clearAndCancel() {
        MonitorState filtered = enter(press(press(START, "/"), "port=53"));
        assertEquals(53, filtered.request().filter().port());
        MonitorState cleared = filtered.apply(MonitorKey.of('/'));
        for (int i = 0; i < "port=53".length(); i++) {
            cleared = cleared.apply(MonitorKey.of(MonitorKey.Kind.BACKSPACE));
        }
        assertEquals(FlowFilter.ANY, enter(cleared).request().filter());
        MonitorState cancelled = press(press(filtered, "/"), " port=80").apply(MonitorKey.of(MonitorKey.Kind.ESCAPE));
        assertNull(cancelled.prompt());
        assertEquals(53, cancelled.request().filter().port());
    }

    @Test
    @DisplayName("a bad filter keeps the old one and says why, with the server's message naming the parameter")
    void badFilter() {
        MonitorState filtered = enter(press(press(START, "/"), "port=53"));
        MonitorState refused = enter(press(press(filtered, "/"), " src_addr=10.0.0.0/33"));
        assertEquals(53, refused.request().filter().port());
        assertNull(refused.request().filter().srcAddr());
        assertEquals("filter refused: src_addr='10.0.0.0/33': the prefix length must be 0-32", refused.notice());
        assertNull(press(refused, "o").notice(), "the next key clears the notice");
        BadParameter unknown = assertThrows(BadParameter.class, () -> MonitorState.parseFilter("prot=tcp"));
        assertEquals("prot", unknown.parameter());
        assertTrue(unknown.getMessage().startsWith("unknown parameter 'prot' (did you mean 'port'?)"), unknown.getMessage());
        assertThrows(BadParameter.class, () -> MonitorState.parseFilter("tcp"));
    }

    @Test
    @DisplayName("g cycles all gateways, then each one seen in answers, then all again")
    void gateways() {
        MonitorState seen = START.seen(answerOf("spoke-2")).seen(answerOf("spoke-1"));
        assertEquals(java.util.List.of("spoke-1", "spoke-2"), seen.gateways());
        assertEquals("spoke-1", press(seen, "g").request().filter().gateway());
        assertEquals("spoke-2", press(seen, "gg").request().filter().gateway());
        assertNull(press(seen, "ggg").request().filter().gateway());
        assertNull(press(START, "g").request().filter().gateway(), "none seen: all");
    }

    private static io.egressmon.api.flows.FlowsAnswer answerOf(String gateway) {
        io.egressmon.api.flows.FlowRow row = io.egressmon.api.flows.FlowRow.of(gateway, "10.0.0.1", "10.0.0.2", 1, 2, 6,
                100, 1, 1, SeedFlows.T, SeedFlows.T, 10);
        return new io.egressmon.api.flows.FlowsAnswer("flows", "10s", SeedFlows.T, SeedFlows.T.plusSeconds(10), true,
                SeedFlows.T, java.util.List.of(), "rate", "desc", 50, 1, 1, java.util.List.of(row));
    }
}
