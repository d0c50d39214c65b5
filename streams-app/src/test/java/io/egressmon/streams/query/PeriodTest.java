package io.egressmon.streams.query;

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

@DisplayName("Period parsing")
class PeriodTest {
    private static final Instant NOW = Instant.parse("2026-02-10T10:37:12Z");

    private static Map<String, String> params(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    private static BadParameter refused(String... kv) {
        return assertThrows(BadParameter.class, () -> Period.parse(params(kv), NOW));
    }

    @Nested
    @DisplayName("days=N")
    class Days {
        @Test
        @DisplayName("covers N days ending at the end of the current 5-minute window, so the live window counts whole")
        void lastDays() {
            Period p = Period.parse(params("days", "30"), NOW);
            assertEquals(Instant.parse("2026-02-10T10:40:00Z"), p.end());
            assertEquals(Instant.parse("2026-01-11T10:40:00Z"), p.start());
            assertEquals(30, p.days());
        }

        @Test
        @DisplayName("ends exactly at now when now is on the 5-minute grid")
        void alignedNow() {
            Period p = Period.parse(params("days", "1"), Instant.parse("2026-02-10T10:35:00Z"));
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
        @DisplayName("no period at all means the seed's default of 30 days")
        void defaultPeriod() {
            assertEquals(30, Period.parse(params(), NOW).days());
        }
    }

    @Nested
    @DisplayName("month=M&year=Y")
    class Month {
        @Test
        @DisplayName("is the calendar month in UTC, with as many days as the month has")
        void calendarMonth() {
            Period p = Period.parse(params("month", "2", "year", "2024"), NOW);
            assertEquals(Instant.parse("2024-02-01T00:00:00Z"), p.start());
            assertEquals(Instant.parse("2024-03-01T00:00:00Z"), p.end());
            assertEquals(29, p.days());
        }

        @Test
        @DisplayName("the current month is allowed and ends at the month's end")
        void currentMonth() {
            Period p = Period.parse(params("month", "2", "year", "2026"), NOW);
            assertEquals(Instant.parse("2026-03-01T00:00:00Z"), p.end());
            assertEquals(28, p.days());
        }

        @Test
        @DisplayName("a month that has not begun is refused, naming month")
        void futureMonth() {
            assertEquals("month", refused("month", "3", "year", "2026").parameter());
        }

        @Test
        @DisplayName("month without year is refused, naming year; year without month names month")
        void halfGiven() {
            assertEquals("year", refused("month", "1").parameter());
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
            Period p = Period.parse(params("from", "2026-02-01T00:00:00Z", "to", "2026-02-03T06:00:00Z"), NOW);
            assertEquals(Instant.parse("2026-02-01T00:00:00Z"), p.start());
            assertEquals(Instant.parse("2026-02-03T06:00:00Z"), p.end());
            assertEquals(3, p.days());
        }

        @Test
        @DisplayName("accepts offsets (an unencoded + arriving as a space), local times as UTC, and bare dates")
        void forms() {
            Period p = Period.parse(params("from", "2026-02-01T01:00:00 01:00", "to", "2026-02-02"), NOW);
            assertEquals(Instant.parse("2026-02-01T00:00:00Z"), p.start());
            assertEquals(Instant.parse("2026-02-02T00:00:00Z"), p.end());
            Period local = Period.parse(params("from", "2026-02-01T00:00:00", "to", "2026-02-01T12:00"), NOW);
            assertEquals(Instant.parse("2026-02-01T12:00:00Z"), local.end());
            assertEquals(1, local.days());
        }

        @Test
        @DisplayName("from not before to is refused, naming to")
        void reversed() {
            assertEquals("to", refused("from", "2026-02-02T00:00:00Z", "to", "2026-02-01T00:00:00Z").parameter());
            assertEquals("to", refused("from", "2026-02-02T00:00:00Z", "to", "2026-02-02T00:00:00Z").parameter());
        }

        @Test
        @DisplayName("to in the future is refused naming to, but a small clock skew is tolerated")
        void future() {
            assertEquals("to", refused("from", "2026-02-01T00:00:00Z", "to", "2026-02-10T11:00:00Z").parameter());
            Period skewed = Period.parse(params("from", "2026-02-01T00:00:00Z", "to", "2026-02-10T10:37:50Z"), NOW);
            assertEquals(Instant.parse("2026-02-10T10:37:50Z"), skewed.end());
        }

        @Test
        @DisplayName("unreadable instants are refused, naming the parameter")
        void unreadable() {
            assertEquals("from", refused("from", "yesterday", "to", "2026-02-01T00:00:00Z").parameter());
            assertEquals("to", refused("from", "2026-02-01T00:00:00Z", "to", "").parameter());
        }

        @Test
        @DisplayName("from without to names to; to without from names from")
        void halfGiven() {
            assertEquals("to", refused("from", "2026-02-01T00:00:00Z").parameter());
            assertEquals("from", refused("to", "2026-02-01T00:00:00Z").parameter());
        }

        @Test
        @DisplayName("longer than 3650 days is refused, naming from")
        void tooLong() {
            assertEquals("from", refused("from", "2010-01-01T00:00:00Z", "to", "2026-02-01T00:00:00Z").parameter());
        }
    }

    @Test
    @DisplayName("two kinds of period at once are refused, naming the second and saying which forms exist")
    void mixed() {
        BadParameter e = refused("days", "7", "month", "1", "year", "2026");
        assertEquals("month", e.parameter());
        assertTrue(e.getMessage().contains("days=N"), e.getMessage());
        assertEquals("from", refused("days", "7", "from", "2026-02-01T00:00:00Z", "to", "2026-02-02T00:00:00Z").parameter());
        assertEquals("to", refused("year", "2026", "to", "2026-02-02T00:00:00Z").parameter());
    }
}
