package io.egressmon.api.bandwidth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.egressmon.api.BadParameter;
import io.egressmon.api.GroupBy;
import io.egressmon.api.PeriodRequest.Between;
import io.egressmon.api.PeriodRequest.CalendarMonth;
import io.egressmon.api.PeriodRequest.LastDays;
import io.egressmon.api.QueryParameters;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class BandwidthRequestTest {
    private static final Between JAN_11_TO_12 = new Between(Instant.parse("2026-01-11T10:00:00Z"),
            Instant.parse("2026-01-12T00:00:00Z"));

    @Test
    @DisplayName("a number of days becomes days=N")
    void lastDays() {
        assertEquals("days=30", new BandwidthRequest(new LastDays(30), null, null).toQuery().toString());
    }

    @Test
    @DisplayName("a calendar month becomes month and year, followed by group_by")
    void calendarMonthGrouped() {
        assertEquals("month=1&year=2026&group_by=vpc_id",
                new BandwidthRequest(new CalendarMonth(2026, 1), null, GroupBy.VPC_ID).toQuery().toString());
    }

    @Test
    @DisplayName("a range becomes from and to, followed by the gateway, all URL-encoded")
    void rangeAndGateway() {
        assertEquals("from=2026-01-11T10%3A00%3A00Z&to=2026-01-12T00%3A00%3A00Z&gateway=spoke+a%26b",
                new BandwidthRequest(JAN_11_TO_12, "spoke a&b", null).toQuery().toString());
    }

    @Test
    @DisplayName("the query the request writes reads back as the same request")
    void roundTrip() {
        BandwidthRequest request = new BandwidthRequest(JAN_11_TO_12, "spoke a&b", GroupBy.CLOUD);
        assertEquals(request, BandwidthRequest.parse(QueryParameters.of(request.toQuery().values())));
    }

    @Test
    @DisplayName("a blank gateway is refused naming gateway")
    void blankGateway() {
        assertEquals("gateway", assertThrows(BadParameter.class,
                () -> new BandwidthRequest(new LastDays(7), " ", null)).parameter());
    }

    @Test
    @DisplayName("spaces around a gateway name are dropped")
    void trimmedGateway() {
        assertEquals("spoke-1", new BandwidthRequest(new LastDays(7), " spoke-1 ", null).gateway());
    }
}
