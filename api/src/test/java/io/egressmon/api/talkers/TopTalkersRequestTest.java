package io.egressmon.api.talkers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.egressmon.api.BadParameter;
import io.egressmon.api.GroupBy;
import io.egressmon.api.PeriodRequest;
import io.egressmon.api.PeriodRequest.Between;
import io.egressmon.api.PeriodRequest.CalendarMonth;
import io.egressmon.api.PeriodRequest.LastDays;
import io.egressmon.api.QueryParameters;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TopTalkersRequestTest {
    private static final PeriodRequest WEEK = new LastDays(7);

    @Test
    @DisplayName("the query carries the period, top, the gateway (encoded), per_spoke and group_by, in the contract's order")
    void queryString() {
        assertEquals("days=30&top=10", new TopTalkersRequest(new LastDays(30), 10, null, false, null).toQuery().toString());
        assertEquals("month=1&year=2026&top=5&gateway=spoke+a&per_spoke=true&group_by=cloud",
                new TopTalkersRequest(new CalendarMonth(2026, 1), 5, "spoke a", true, GroupBy.CLOUD).toQuery().toString());
        assertEquals("from=2026-01-11T10%3A00%3A00Z&to=2026-02-10T00%3A00%3A00Z&top=1&per_spoke=true",
                new TopTalkersRequest(new Between(Instant.parse("2026-01-11T10:00:00Z"), Instant.parse("2026-02-10T00:00:00Z")),
                        1, null, true, null).toQuery().toString());
    }

    @Test
    @DisplayName("the query the request writes reads back as the same request")
    void roundTrip() {
        TopTalkersRequest request = new TopTalkersRequest(new CalendarMonth(2026, 1), 5, "spoke a", true, GroupBy.CLOUD);
        assertEquals(request, TopTalkersRequest.parse(QueryParameters.of(request.toQuery().values())));
    }

    @Test
    @DisplayName("without top, a request ranks the original script's 10 rows")
    void defaultTop() {
        assertEquals(10, TopTalkersRequest.parse(QueryParameters.of(Map.of("days", "7"))).top());
    }

    @ParameterizedTest(name = "top={0}")
    @ValueSource(ints = {0, 1001})
    @DisplayName("top outside 1..1000 is refused naming top")
    void topBounds(int top) {
        BadParameter e = assertThrows(BadParameter.class, () -> new TopTalkersRequest(WEEK, top, null, false, null));
        assertEquals("top", e.parameter());
        assertEquals("top must be between 1 and 1000, got " + top, e.getMessage());
    }

    @Test
    @DisplayName("a blank gateway is refused naming gateway")
    void blankGateway() {
        assertEquals("gateway",
                assertThrows(BadParameter.class, () -> new TopTalkersRequest(WEEK, 10, " ", false, null)).parameter());
    }
}
