package io.egressmon.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("Query parameters")
class QueryParametersTest {
    private static final Set<String> PERIOD = Set.copyOf(PeriodRequest.PARAMETERS);

    /** A decoded query string: each name with all its values, in order. */
    private static Map<String, List<String>> query(String... nameValues) {
        Map<String, List<String>> query = new LinkedHashMap<>();
        for (int i = 0; i < nameValues.length; i += 2) {
            query.computeIfAbsent(nameValues[i], n -> new ArrayList<>()).add(nameValues[i + 1]);
        }
        return query;
    }

    private static QueryParameters single(String name, String value) {
        return QueryParameters.of(Map.of(name, value));
    }

    private static BadParameter refused(Map<String, List<String>> query, Set<String> allowed) {
        return assertThrows(BadParameter.class, () -> QueryParameters.of(query, allowed));
    }

    @Test
    @DisplayName("known names given once are read as given")
    void known() {
        QueryParameters params = QueryParameters.of(query("days", "7", "gateway", "spoke-a"), Set.of("days", "gateway"));
        assertEquals("7", params.raw("days"));
        assertTrue(params.has("gateway"));
        assertFalse(params.has("month"));
    }

    @Test
    @DisplayName("an unknown name is refused by name, not ignored")
    void unknownRefused() {
        BadParameter e = refused(query("day", "30"), PERIOD);
        assertEquals("day", e.parameter());
    }

    @Test
    @DisplayName("an unknown name close to a known one suggests it: day=30 is not days=30")
    void didYouMean() {
        assertTrue(QueryParameters.unknownMessage("day", PERIOD).contains("(did you mean 'days'?)"),
                QueryParameters.unknownMessage("day", PERIOD));
    }

    @Test
    @DisplayName("of several close names, the closest is suggested, then the first in alphabetical order")
    void closestSuggested() {
        assertTrue(QueryParameters.unknownMessage("topp", Set.of("top", "to")).contains("did you mean 'top'"));
        assertTrue(QueryParameters.unknownMessage("xo", Set.of("to", "no")).contains("did you mean 'no'"));
    }

    @Test
    @DisplayName("a name far from every known one suggests none, but lists them all in alphabetical order")
    void farName() {
        String message = QueryParameters.unknownMessage("perspective", Set.of("top", "days", "gateway"));
        assertFalse(message.contains("did you mean"), message);
        assertTrue(message.endsWith("expected one of days, gateway, top"), message);
    }

    @Test
    @DisplayName("an endpoint without parameters says it takes none")
    void noParameters() {
        String message = QueryParameters.unknownMessage("days", Set.of());
        assertEquals("unknown parameter 'days'; this endpoint takes no parameters", message);
    }

    @ParameterizedTest(name = "distance({0}, {1}) = {2}")
    @CsvSource({"days,days,0", "day,days,1", "dasy,days,2", "'',top,3", "top,'',3", "kitten,sitting,3", "per_spoke,perspoke,1"})
    @DisplayName("the suggestion's distance counts the insertions, deletions and substitutions between two names")
    void distance(String a, String b, int expected) {
        assertEquals(expected, QueryParameters.distance(a, b));
    }

    @Test
    @DisplayName("a name given twice is refused by name: which value was meant is unknown")
    void givenTwice() {
        BadParameter e = refused(query("days", "7", "days", "8"), PERIOD);
        assertEquals("days", e.parameter());
        assertTrue(e.getMessage().contains("2 times"), e.getMessage());
    }

    @Test
    @DisplayName("a blank time is refused by name")
    void blankTime() {
        assertEquals("from", assertThrows(BadParameter.class, () -> single("from", "").time("from")).parameter());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"2026-01-11T10:00:00Z", "2026-01-11T11:00:00+01:00", "2026-01-11T11:00:00 01:00", "2026-01-11T10:00:00",
            "2026-01-11T10:00"})
    @DisplayName("a time may be UTC, carry an offset (its + decoded as a space), or be local and then read as UTC")
    void times(String text) {
        assertEquals(Instant.parse("2026-01-11T10:00:00Z"), single("from", text).time("from"));
    }

    @Test
    @DisplayName("a bare date is its midnight, UTC")
    void bareDate() {
        assertEquals(Instant.parse("2026-01-11T00:00:00Z"), single("to", "2026-01-11").time("to"));
    }

    @ParameterizedTest(name = "top={0} is refused")
    @CsvSource({"0", "1001", "ten", "1.5", "''"})
    @DisplayName("a whole number out of its range, or not one, is refused by name")
    void integers(String value) {
        assertEquals("top", assertThrows(BadParameter.class, () -> single("top", value).integer("top", 1, 1000)).parameter());
    }

    @Test
    @DisplayName("a flag is true or false, any case; absent it is the fallback")
    void flags() {
        assertTrue(single("per_spoke", "TRUE").bool("per_spoke", false));
        assertFalse(single("per_spoke", "false").bool("per_spoke", true));
        assertTrue(QueryParameters.of(Map.of()).bool("per_spoke", true));
    }

    @Test
    @DisplayName("a flag that is neither true nor false is refused by name")
    void badFlag() {
        assertEquals("per_spoke", assertThrows(BadParameter.class, () -> single("per_spoke", "yes").bool("per_spoke", false))
                .parameter());
    }

    @Test
    @DisplayName("partitions are a comma-separated list, read as a sorted set")
    void partitions() {
        assertEquals(List.of(0, 3, 4), List.copyOf(single("partitions", "4, 0,3").partitions("partitions")));
    }

    @ParameterizedTest(name = "partitions={0} is refused")
    @CsvSource({"'0,x'", "-1", "''", "'1,,2'"})
    @DisplayName("partitions that are not a list of partition numbers are refused by name")
    void badPartitions(String value) {
        assertEquals("partitions", assertThrows(BadParameter.class,
                () -> single("partitions", value).partitions("partitions")).parameter());
    }
}
