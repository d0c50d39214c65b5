package io.egressmon.report.talkers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.egressmon.report.BandwidthQuery;
import io.egressmon.report.GroupBy;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class TopTalkersQueryTest {

    @Test
    @DisplayName("the query string carries the period, top, the gateway (encoded), per_spoke and group_by, in the contract's order")
    void queryString() {
        assertEquals("days=30&top=10",
                new TopTalkersQuery(new BandwidthQuery.LastDays(30), 10, null, false, null).toQueryString());
        assertEquals("month=1&year=2026&top=5&gateway=spoke+a&per_spoke=true&group_by=cloud",
                new TopTalkersQuery(new BandwidthQuery.CalendarMonth(2026, 1), 5, "spoke a", true, GroupBy.CLOUD)
                        .toQueryString());
        assertEquals("from=2026-01-11T10%3A00%3A00Z&to=2026-02-10T00%3A00%3A00Z&top=1&per_spoke=true",
                new TopTalkersQuery(new BandwidthQuery.Between(Instant.parse("2026-01-11T10:00:00Z"),
                        Instant.parse("2026-02-10T00:00:00Z")), 1, null, true, null).toQueryString());
    }

    @Test
    @DisplayName("top below 1, a blank gateway, or group-by without per-spoke are refused")
    void validation() {
        BandwidthQuery.Period week = new BandwidthQuery.LastDays(7);
        assertEquals("top must be at least 1, got 0",
                assertThrows(IllegalArgumentException.class, () -> new TopTalkersQuery(week, 0, null, false, null)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new TopTalkersQuery(week, 10, " ", false, null));
        assertThrows(IllegalArgumentException.class, () -> new TopTalkersQuery(week, 10, null, false, GroupBy.REGION));
    }
}
