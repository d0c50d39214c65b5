package io.egressmon.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.egressmon.report.BandwidthQuery.Between;
import io.egressmon.report.BandwidthQuery.CalendarMonth;
import io.egressmon.report.BandwidthQuery.LastDays;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class BandwidthQueryTest {

    @Test
    @DisplayName("each kind of period becomes the API's parameters, followed by gateway and group_by")
    void queryStrings() {
        assertEquals("days=30", new BandwidthQuery(new LastDays(30), null, null).toQueryString());
        assertEquals("month=1&year=2026&group_by=vpc_id",
                new BandwidthQuery(new CalendarMonth(2026, 1), null, GroupBy.VPC_ID).toQueryString());
        assertEquals("from=2026-01-11T10%3A00%3A00Z&to=2026-01-12T00%3A00%3A00Z&gateway=spoke+a%26b",
                new BandwidthQuery(new Between(Instant.parse("2026-01-11T10:00:00Z"), Instant.parse("2026-01-12T00:00:00Z")),
                        "spoke a&b", null).toQueryString());
    }

    @Test
    @DisplayName("periods outside the API's bounds are refused with a message saying what is allowed")
    void bounds() {
        assertEquals("days must be between 1 and 3650, got 0",
                assertThrows(IllegalArgumentException.class, () -> new LastDays(0)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new LastDays(3651));
        assertEquals("month must be between 1 and 12, got 13",
                assertThrows(IllegalArgumentException.class, () -> new CalendarMonth(2026, 13)).getMessage());
        Instant t = Instant.parse("2026-01-11T10:00:00Z");
        assertThrows(IllegalArgumentException.class, () -> new Between(t, t));
    }
}
