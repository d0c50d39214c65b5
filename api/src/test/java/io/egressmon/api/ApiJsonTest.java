package io.egressmon.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.egressmon.api.bandwidth.BandwidthAnswer;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The mapper's own rules; what each answer requires is in the answers' tests. */
class ApiJsonTest {

    @Test
    @DisplayName("times are written as isoformat() plus Z, with microseconds only when there are some")
    void isoformatZ() {
        assertEquals("2026-01-11T10:00:00Z", ApiJson.instant(Instant.parse("2026-01-11T10:00:00Z")));
        assertEquals("2026-01-11T10:00:00.123456Z", ApiJson.instant(Instant.parse("2026-01-11T10:00:00.123456Z")));
        assertEquals("2026-01-11T10:00:00.120000Z", ApiJson.instant(Instant.parse("2026-01-11T10:00:00.12Z")));
        assertEquals("2026-01-11T10:00:00.000001Z", ApiJson.instant(Instant.parse("2026-01-11T10:00:00.000001999Z")));
        assertEquals("2026-01-11T10:00:00Z", ApiJson.instant(Instant.parse("2026-01-11T10:00:00.000000999Z")));
    }

    @Test
    @DisplayName("times padded by hand are the text String.format wrote, over random instants of years 0 to 9999 and beyond")
    void sameAsFormatted() {
        SplittableRandom random = new SplittableRandom(11);
        long min = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
        long max = Instant.parse("+10001-12-31T23:59:59Z").getEpochSecond();
        for (int i = 0; i < 100_000; i++) {
            Instant t = Instant.ofEpochSecond(random.nextLong(min, max), random.nextInt(4) == 0 ? 0 : random.nextInt(1_000_000_000));
            LocalDateTime u = LocalDateTime.ofInstant(t, ZoneOffset.UTC);
            String seconds = String.format("%04d-%02d-%02dT%02d:%02d:%02d",
                    u.getYear(), u.getMonthValue(), u.getDayOfMonth(), u.getHour(), u.getMinute(), u.getSecond());
            int micros = u.getNano() / 1000;
            assertEquals(micros == 0 ? seconds + "Z" : seconds + String.format(".%06dZ", micros), ApiJson.instant(t), t.toString());
        }
        assertEquals("0007-03-04T05:06:07.000089Z", ApiJson.instant(Instant.parse("0007-03-04T05:06:07.000089Z")));
    }

    @Test
    @DisplayName("a time with an offset reads as its instant, and one without a zone as UTC")
    void offsetsAndNaiveTimes() {
        assertEquals(Instant.parse("2026-01-11T10:00:00Z"), ApiJson.parseInstant("2026-01-11T11:00:00+01:00"));
        assertEquals(Instant.parse("2026-01-11T10:00:00Z"), ApiJson.parseInstant("2026-01-11T10:00:00"));
    }

    @Test
    @DisplayName("a body that is not JSON is refused, saying what it should have been")
    void notJson() {
        String refusal = refusal("<html>oops</html>", BandwidthAnswer.class);
        assertTrue(refusal.startsWith("not a BandwidthAnswer: "), refusal);
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"null", "", "[]", "42"})
    @DisplayName("JSON null, an empty body or a value that is not an object is refused, never read as null")
    void notAnObject(String body) {
        assertThrows(IllegalArgumentException.class, () -> ApiJson.read(body, ErrorAnswer.class));
    }

    @Test
    @DisplayName("fields the records do not know are ignored, so the API can grow")
    void unknownFields() {
        assertEquals(ErrorAnswer.of(null, null, "m"), ApiJson.read("{\"message\": \"m\", \"hint\": [1, 2]}", ErrorAnswer.class));
    }

    @Test
    @DisplayName("a malformed value is refused naming where it stands")
    void namesWhereTheProblemIs() {
        String refusal = refusal("{\"message\": \"m\", \"retry_after_seconds\": \"soon\"}", ErrorAnswer.class);
        assertTrue(refusal.endsWith("(at retry_after_seconds)"), refusal);
    }

    @Test
    @DisplayName("records are written in snake case, in component order, optional nulls left out")
    void writes() {
        assertEquals("{\"error\":\"unavailable\",\"message\":\"busy\",\"retry_after_seconds\":2}",
                ApiJson.write(new ErrorAnswer("unavailable", null, "busy", 2, null)));
    }

    /** Why {@code json} cannot be read as a {@code type}. */
    private static String refusal(String json, Class<?> type) {
        return assertThrows(IllegalArgumentException.class, () -> ApiJson.read(json, type)).getMessage();
    }
}
