package io.egressmon.api.talkers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TalkerRowTest {

    @Test
    @DisplayName("human_readable is the reports' byte format, flowiq_filter the address itself, copilot_url as given")
    void derivedFields() {
        assertEquals(new TalkerRow(1, "23.185.0.3", 26889267504L, "25.04 GB", false, "23.185.0.3", "https://c/x", null),
                TalkerRow.of(1, "23.185.0.3", 26889267504L, "https://c/x"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "100.64.0.0,true",
            "100.127.255.255,true",
            "100.63.255.255,false",
            "100.128.0.0,false",
            "10.0.0.1,false",
            "2600:1f18::7,false",
            "::ffff:6440:1,false",
    })
    @DisplayName("is_cgnat marks the addresses of 100.64.0.0/10 and only those; an IPv6 talker (from flows) never")
    void cgnat(String ip, boolean cgnat) {
        assertEquals(cgnat, TalkerRow.of(1, ip, 1, "u").isCgnat());
    }

    @Test
    @DisplayName("rank below 1, negative bytes or a missing address are refused")
    void validation() {
        assertThrows(IllegalArgumentException.class, () -> TalkerRow.of(0, "1.1.1.1", 1, "u"));
        assertThrows(IllegalArgumentException.class, () -> TalkerRow.of(1, "1.1.1.1", -1, "u"));
        assertThrows(NullPointerException.class, () -> new TalkerRow(1, null, 1, "1 B", false, null, "u", null));
    }
}
