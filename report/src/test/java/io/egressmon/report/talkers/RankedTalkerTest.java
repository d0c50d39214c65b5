package io.egressmon.report.talkers;

import static io.egressmon.report.talkers.TalkersFixtures.talker;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RankedTalkerTest {

    @Test
    @DisplayName("human_readable is the seed's byte format and flowiq_filter is the address itself")
    void derivedFields() {
        RankedTalker t = talker(1, "23.185.0.3", 26889267504L);
        assertEquals("25.04 GB", t.humanReadable());
        assertEquals("23.185.0.3", t.flowiqFilter());
    }

    @Test
    @DisplayName("merging sums bytes per address, sorts biggest first, cuts to top and ranks again from 1")
    void merge() {
        List<RankedTalker> a = List.of(talker(1, "1.1.1.1", 100), talker(2, "2.2.2.2", 60));
        List<RankedTalker> b = List.of(talker(1, "3.3.3.3", 90), talker(2, "2.2.2.2", 50), talker(3, "4.4.4.4", 10));
        assertEquals(List.of(talker(1, "2.2.2.2", 110), talker(2, "1.1.1.1", 100)), RankedTalker.merge(List.of(a, b), 2));
    }

    @Test
    @DisplayName("equal byte counts keep the order of first appearance, as Python's stable sort")
    void tiesKeepFirstAppearance() {
        List<RankedTalker> a = List.of(talker(1, "9.9.9.9", 5));
        List<RankedTalker> b = List.of(talker(1, "1.1.1.1", 5), talker(2, "5.5.5.5", 7));
        assertEquals(List.of(talker(1, "5.5.5.5", 7), talker(2, "9.9.9.9", 5), talker(3, "1.1.1.1", 5)),
                RankedTalker.merge(List.of(a, b), 10));
    }

    @Test
    @DisplayName("rank below 1, negative bytes or a null address are refused")
    void validation() {
        assertThrows(IllegalArgumentException.class, () -> talker(0, "1.1.1.1", 1));
        assertThrows(IllegalArgumentException.class, () -> talker(1, "1.1.1.1", -1));
        assertThrows(NullPointerException.class, () -> talker(1, null, 1));
        assertThrows(IllegalArgumentException.class, () -> RankedTalker.merge(List.of(), 0));
    }
}
