package io.egressmon.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("Period requests")
class PeriodRequestTest {
    private static final Instant NOW = Instant.parse("2026-02-10T10:37:12Z");

    private static QueryParameters params(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return QueryParameters.of(m);
    }

    /** The period the parameters ask for, resolved at {@link #NOW} as the server does. */
    private static Period period(String... kv) {
        return PeriodRequest.parse(params(kv)).resolve(NOW);
    }

    private static BadParameter refused(String... kv) {
        return assertThrows(BadParameter.class, () -> period(kv));
    }

    @Nested
    @DisplayName("days=N")
    class Days {
        @Test
        @DisplayName("covers N days ending at the end of the current 5-minute window, so the live window counts whole")
        void lastDays() {
            Period p = period("days", "30");
            assertEquals(Instant.parse("2026-02-10T10:40:00Z"), p.end());
            assertEquals(Instant.parse("2026-01-11T10:40:00Z"), p.start());
            assertEquals(30, p.days());
        }

        @Test
        @DisplayName("ends exactly at now when now is on the 5-minute grid")
        void alignedNow() {
            Period p = PeriodRequest.parse(params("days", "1")).resolve(Instant.parse("2026-02-10T10:35:00Z"));
            assertEquals(Instant.parse("2026-02-10T10:35:00Z"), p.end());
        }

        @ParameterizedTest(name = "days={0} is refused")
        @CsvSource({"0", "3651", "-1", "abc", "7.5", "''"})
        @DisplayName("out of range or not a whole number is refused, naming days")
        void badDays(String value) {
            BadParameter e = refused("days", value);
            assertEquals("days", e.parameter());
        }

        @Test
        @DisplayName("out of range is refused when the request is made, not only when it is read")
        void badDaysRequest() {
            assertEquals("days", assertThrows(BadParameter.class, () -> new PeriodRequest.LastDays(0)).parameter());
        }

        @Test
        @DisplayName("no period at all means the original scripts' default of 30 days")
        void defaultPeriod() {
            assertEquals(new PeriodRequest.LastDays(30), PeriodRequest.parse(params()));
        }
    }

    @Nested
    @DisplayName("month=M&year=Y")
    class Month {
        @Test
        @DisplayName("is the calendar month in UTC, with as many days as the month has")
        void calendarMonth() {
            Period p = period("month", "2", "year", "2024");
            assertEquals(Instant.parse("2024-02-01T00:00:00Z"), p.start());
            assertEquals(Instant.parse("2024-03-01T00:00:00Z"), p.end());
            assertEquals(29, p.days());
        }

        @Test
        @DisplayName("the current month is allowed and ends at the month's end")
        void currentMonth() {
            Period p = period("month", "2", "year", "2026");
            assertEquals(Instant.parse("2026-03-01T00:00:00Z"), p.end());
            assertEquals(28, p.days());
        }

        @Test
        @DisplayName("a month that has not begun is refused against the clock, naming month")
        void futureMonth() {
            PeriodRequest march = PeriodRequest.parse(params("month", "3", "year", "2026"));
            assertEquals("month", assertThrows(BadParameter.class, () -> march.resolve(NOW)).parameter());
        }

        @Test
        @DisplayName("month without year is refused, naming year")
        void monthWithoutYear() {
            assertEquals("year", refused("month", "1").parameter());
        }

        @Test
        @DisplayName("year without month is refused, naming month")
        void yearWithoutMonth() {
            assertEquals("month", refused("year", "2026").parameter());
        }

        @ParameterizedTest(name = "month={0}&year={1} is refused naming {2}")
        @CsvSource({"13,2026,month", "0,2026,month", "jan,2026,month", "1,1969,year", "1,twenty,year"})
        @DisplayName("bad values are refused, naming the parameter")
        void badValues(String month, String year, String parameter) {
            assertEquals(parameter, refused("month", month, "year", year).parameter());
        }
    }

    @Nested
    @DisplayName("from=ISO&to=ISO")
    class Range {
        @Test
        @DisplayName("is [from, to) with period_days the duration rounded up to whole days")
        void range() {
            Period p = period("from", "2026-02-01T00:00:00Z", "to", "2026-02-03T06:00:00Z");
            assertEquals(Instant.parse("2026-02-01T00:00:00Z"), p.start());
            assertEquals(Instant.parse("2026-02-03T06:00:00Z"), p.end());
            assertEquals(3, p.days());
        }

        @Test
        @DisplayName("accepts offsets (an unencoded + arriving as a space) and bare dates")
        void offsetsAndDates() {
            Period p = period("from", "2026-02-01T01:00:00 01:00", "to", "2026-02-02");
            assertEquals(Instant.parse("2026-02-01T00:00:00Z"), p.start());
            assertEquals(Instant.parse("2026-02-02T00:00:00Z"), p.end());
        }

        @Test
        @DisplayName("reads local times as UTC")
        void localTimes() {
            Period local = period("from", "2026-02-01T00:00:00", "to", "2026-02-01T12:00");
            assertEquals(Instant.parse("2026-02-01T12:00:00Z"), local.end());
            assertEquals(1, local.days());
        }

        @ParameterizedTest(name = "from={0}&to={1} is refused")
        @CsvSource({"2026-02-02T00:00:00Z,2026-02-01T00:00:00Z", "2026-02-02T00:00:00Z,2026-02-02T00:00:00Z"})
        @DisplayName("from not before to is refused when the request is made, naming to")
        void reversed(String from, String to) {
            assertEquals("to", assertThrows(BadParameter.class,
                    () -> PeriodRequest.parse(params("from", from, "to", to))).parameter());
        }

        @Test
        @DisplayName("to in the future is refused against the clock, naming to")
        void future() {
            PeriodRequest ahead = PeriodRequest.parse(params("from", "2026-02-01T00:00:00Z", "to", "2026-02-10T11:00:00Z"));
            assertEquals("to", assertThrows(BadParameter.class, () -> ahead.resolve(NOW)).parameter());
        }

        @Test
        @DisplayName("a to a little ahead of the clock is tolerated: the caller's clock may run ahead")
        void clockSkew() {
            Period skewed = period("from", "2026-02-01T00:00:00Z", "to", "2026-02-10T10:37:50Z");
            assertEquals(Instant.parse("2026-02-10T10:37:50Z"), skewed.end());
        }

        @Test
        @DisplayName("an unreadable from is refused, naming from")
        void unreadableFrom() {
            assertEquals("from", refused("from", "yesterday", "to", "2026-02-01T00:00:00Z").parameter());
        }

        @Test
        @DisplayName("an empty to is refused, naming to")
        void emptyTo() {
            assertEquals("to", refused("from", "2026-02-01T00:00:00Z", "to", "").parameter());
        }

        @Test
        @DisplayName("from without to is refused, naming to")
        void fromWithoutTo() {
            assertEquals("to", refused("from", "2026-02-01T00:00:00Z").parameter());
        }

        @Test
        @DisplayName("to without from is refused, naming from")
        void toWithoutFrom() {
            assertEquals("from", refused("to", "2026-02-01T00:00:00Z").parameter());
        }

        @Test
        @DisplayName("longer than 3650 days is refused, naming from")
        void tooLong() {
            assertEquals("from", refused("from", "2010-01-01T00:00:00Z", "to", "2026-02-01T00:00:00Z").parameter());
        }
    }

    @Nested
    @DisplayName("two kinds of period at once")
    class Mixed {
        @Test
        @DisplayName("are refused, naming the second and saying which forms exist")
        void daysAndMonth() {
            BadParameter e = refused("days", "7", "month", "1", "year", "2026");
            assertEquals("month", e.parameter());
            assertTrue(e.getMessage().contains("days=N"), e.getMessage());
        }

        @Test
        @DisplayName("days with a range is refused, naming from")
        void daysAndRange() {
            assertEquals("from", refused("days", "7", "from", "2026-02-01T00:00:00Z", "to", "2026-02-02T00:00:00Z").parameter());
        }

        @Test
        @DisplayName("half a month with half a range is refused, naming to")
        void yearAndTo() {
            assertEquals("to", refused("year", "2026", "to", "2026-02-02T00:00:00Z").parameter());
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"days=7", "month=1&year=2026", "from=2026-02-01T00:00:00Z&to=2026-02-02T12:00:00Z"})
    @DisplayName("a request written as query parameters reads back as the same request")
    void roundTrip(String query) {
        String[] kv = query.replace('&', '=').split("=");
        PeriodRequest request = PeriodRequest.parse(params(kv));
        QueryString written = new QueryString();
        request.addTo(written);
        assertEquals(request, PeriodRequest.parse(QueryParameters.of(written.values())));
    }
}
