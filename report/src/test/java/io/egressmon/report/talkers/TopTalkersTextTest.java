package io.egressmon.report.talkers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.egressmon.api.talkers.TalkerRow;
import io.egressmon.api.talkers.TopTalkersAnswer;
import io.egressmon.report.Fixtures;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class TopTalkersTextTest {
    private static final String EXAMPLE_URL = "https://cplt.example.com/monitor/flow-iq/flowiq/overview";

    /**
     * The original README's example, typed from the original README with its two "    ..." lines replaced by rows 6-10
     * (invented figures, same layout).
     */
    private static final String README_EXAMPLE = """
            ======================================================================
            FlowIQ Top Talkers Report
            Period: 2026-01-12 to 2026-02-11 (30 days)
            ======================================================================

            TOP 10 DESTINATIONS (Egress)
            ----------------------------------------------------------------------
                1. 23.185.0.3                  109.04 GB
                2. 47.91.64.21                  61.78 GB
                3. 23.39.42.173                 52.95 GB
                4. 23.39.40.90                  22.80 GB
                5. 216.150.1.1                  21.10 GB
                6. 3.33.186.135                 20.48 GB
                7. 15.197.167.90                19.77 GB
                8. 54.230.114.5                 16.50 GB
                9. 54.230.114.67                16.49 GB
               10. 54.230.114.82                16.02 GB

            TOP 10 SOURCES (Internal → Egress)
            ----------------------------------------------------------------------
                1. 10.2.2.100                  140.65 GB
                2. 10.2.2.40                    81.72 GB
                3. 10.2.2.70                    54.83 GB
                4. 10.1.5.46                    25.65 GB
                5. 10.1.5.12                    25.64 GB
                6. 10.1.5.13                    25.60 GB
                7. 10.2.5.141                   19.70 GB
                8. 10.2.5.143                   19.69 GB
                9. 10.1.5.57                    16.90 GB
               10. 10.1.5.59                    16.89 GB

            Method: FlowIQ field_agg (bidirectional, CIDR-based egress filter)
            CoPilot: https://cplt.example.com/monitor/flow-iq/flowiq/overview
            Tip: paste any IP into the FlowIQ filter bar to drill down
            ======================================================================
            """;

    @Test
    @DisplayName("the original README's figures print exactly as the README's example")
    void readmeExample() {
        List<TalkerRow> destinations = List.of(
                talker(1, "23.185.0.3", gib(109.04)), talker(2, "47.91.64.21", gib(61.78)),
                talker(3, "23.39.42.173", gib(52.95)), talker(4, "23.39.40.90", gib(22.80)),
                talker(5, "216.150.1.1", gib(21.10)), talker(6, "3.33.186.135", gib(20.48)),
                talker(7, "15.197.167.90", gib(19.77)), talker(8, "54.230.114.5", gib(16.50)),
                talker(9, "54.230.114.67", gib(16.49)), talker(10, "54.230.114.82", gib(16.02)));
        List<TalkerRow> sources = List.of(
                talker(1, "10.2.2.100", gib(140.65)), talker(2, "10.2.2.40", gib(81.72)),
                talker(3, "10.2.2.70", gib(54.83)), talker(4, "10.1.5.46", gib(25.65)),
                talker(5, "10.1.5.12", gib(25.64)), talker(6, "10.1.5.13", gib(25.60)),
                talker(7, "10.2.5.141", gib(19.70)), talker(8, "10.2.5.143", gib(19.69)),
                talker(9, "10.1.5.57", gib(16.90)), talker(10, "10.1.5.59", gib(16.89)));
        TopTalkersAnswer answer = Fixtures.global(Instant.parse("2026-01-12T09:30:00Z"),
                Instant.parse("2026-02-11T09:30:00Z"), 30, EXAMPLE_URL, 10, destinations, sources);
        assertEquals(README_EXAMPLE, TopTalkersText.write(answer));
    }

    @Test
    @DisplayName("a CGNAT address is marked ' [CGNAT]' after its bytes; a row is 44 characters without the mark")
    void cgnatMark() {
        TalkerRow plain = talker(2, "23.185.0.3", gib(1));
        TalkerRow cgnat = talker(10, "100.64.1.9", gib(2.05));
        assertEquals("    2. 23.185.0.3                    1.00 GB", TopTalkersText.row("", plain));
        assertEquals("   10. 100.64.1.9                    2.05 GB [CGNAT]", TopTalkersText.row("", cgnat));
        assertEquals(44, TopTalkersText.row("", plain).length());
        assertEquals("     10. 100.64.1.9                    2.05 GB [CGNAT]", TopTalkersText.row("  ", cgnat));
    }

    @Test
    @DisplayName("an address longer than its 24 columns pushes the bytes right instead of being cut")
    void longAddress() {
        String ip = "2001:db8:85a3:1234:5678:8a2e:370:7334";
        TalkerRow row = new TalkerRow(1, ip, 500, "500 B", false, ip, EXAMPLE_URL, null);
        assertEquals("    1. " + ip + " " + "       500 B", TopTalkersText.row("", row));
    }

    @Test
    @DisplayName("TOP N counts the rows printed, so fewer talkers than --top print 'TOP 2'; one day is '(1 days)' as the original")
    void fewerRowsThanTop() {
        TopTalkersAnswer answer = Fixtures.global(Instant.parse("2026-02-09T10:00:00Z"),
                Instant.parse("2026-02-10T10:00:00Z"), 1, EXAMPLE_URL, 10,
                List.of(talker(1, "1.1.1.1", 2048), talker(2, "8.8.8.8", 1024)), List.of());
        String text = TopTalkersText.write(answer);
        assertTrue(text.contains("\nPeriod: 2026-02-09 to 2026-02-10 (1 days)\n"), text);
        assertTrue(text.contains("\nTOP 2 DESTINATIONS (Egress)\n"), text);
        assertTrue(text.contains("\nTOP 0 SOURCES (Internal \u2192 Egress)\n" + "-".repeat(70) + "\n\nMethod: "), text);
    }

    /** Bytes that print as {@code gb} GB. */
    private static long gib(double gb) {
        return Math.round(gb * (1L << 30));
    }

    private static TalkerRow talker(int rank, String ip, long bytes) {
        return TalkerRow.of(rank, ip, bytes, EXAMPLE_URL);
    }
}
