package io.egressmon.streams.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.egressmon.api.Period;
import io.egressmon.api.PeriodRequest;
import io.egressmon.api.talkers.TalkerSource;
import io.egressmon.streams.query.PeriodPlan.Span;
import io.egressmon.streams.talkers.TalkerTable;
import io.egressmon.streams.talkers.TalkersTopology;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Planning a top-talkers period over daily and hourly windows")
class TalkerPlanTest {
    private static final Instant NOW = Instant.parse("2026-02-10T10:37:12Z");
    private static final Instant HOURLY_SINCE = TalkerPlan.hourlySince(NOW);

    private static TalkerPlan plan(String from, String to) {
        return TalkerPlan.of(Instant.parse(from), Instant.parse(to), HOURLY_SINCE);
    }

    private static Span span(String from, String to) {
        return new Span(Instant.parse(from), Instant.parse(to));
    }

    @Test
    @DisplayName("days=N: whole UTC days from the daily store, the partial days at both edges from the hourly store, N days long")
    void lastDays() {
        Period p = new PeriodRequest.LastDays(30).resolve(NOW);
        TalkerPlan plan = TalkerPlan.of(p.start(), p.end(), HOURLY_SINCE);
        assertEquals(Instant.parse("2026-02-10T11:00:00Z"), plan.end(), "the end moves up to the next hour: the live hour counts whole");
        assertEquals(Instant.parse("2026-01-11T11:00:00Z"), plan.start(), "30 days exactly");
        assertEquals(List.of(span("2026-01-12T00:00:00Z", "2026-02-10T00:00:00Z")), plan.days());
        assertEquals(List.of(span("2026-01-11T11:00:00Z", "2026-01-12T00:00:00Z"), span("2026-02-10T00:00:00Z", "2026-02-10T11:00:00Z")),
                plan.hours());
    }

    @Test
    @DisplayName("flows: whole days, then whole hours, then the minutes at both edges, on the minute grid")
    void flowsToTheMinute() {
        TalkerPlan plan = TalkerPlan.of(TalkerSource.NETFLOW, Instant.parse("2026-02-08T22:17:00Z"),
                Instant.parse("2026-02-10T10:37:12Z"), HOURLY_SINCE, TalkerPlan.minuteSince(NOW));
        assertEquals(Instant.parse("2026-02-08T22:17:00Z"), plan.start());
        assertEquals(Instant.parse("2026-02-10T10:38:00Z"), plan.end(), "the live minute counts whole");
        assertEquals(List.of(span("2026-02-09T00:00:00Z", "2026-02-10T00:00:00Z")), plan.days());
        assertEquals(List.of(span("2026-02-08T23:00:00Z", "2026-02-09T00:00:00Z"), span("2026-02-10T00:00:00Z", "2026-02-10T10:00:00Z")),
                plan.hours());
        assertEquals(List.of(span("2026-02-08T22:17:00Z", "2026-02-08T23:00:00Z"), span("2026-02-10T10:00:00Z", "2026-02-10T10:38:00Z")),
                plan.minutes());
    }

    @Test
    @DisplayName("flows: an edge older than the minute store's retention moves onto the hour grid")
    void flowsOlderThanMinutes() {
        TalkerPlan plan = TalkerPlan.of(TalkerSource.NETFLOW, Instant.parse("2026-02-05T22:17:00Z"),
                Instant.parse("2026-02-05T23:30:00Z"), HOURLY_SINCE, TalkerPlan.minuteSince(NOW));
        assertEquals(List.of(span("2026-02-05T22:00:00Z", "2026-02-06T00:00:00Z")), plan.hours());
        assertEquals(List.of(), plan.minutes());
    }

    @Test
    @DisplayName("a calendar month is whole days only")
    void month() {
        Period p = new PeriodRequest.CalendarMonth(2026, 1).resolve(NOW);
        TalkerPlan plan = TalkerPlan.of(p.start(), p.end(), HOURLY_SINCE);
        assertEquals(List.of(span("2026-01-01T00:00:00Z", "2026-02-01T00:00:00Z")), plan.days());
        assertEquals(List.of(), plan.hours());
    }

    @Test
    @DisplayName("a period inside one day is read from hourly windows; edges off the hour grid move outward")
    void withinOneDay() {
        TalkerPlan plan = plan("2026-02-09T10:20:00Z", "2026-02-09T12:05:00Z");
        assertEquals(List.of(), plan.days());
        assertEquals(List.of(span("2026-02-09T10:00:00Z", "2026-02-09T13:00:00Z")), plan.hours());
        assertEquals(Instant.parse("2026-02-09T10:00:00Z"), plan.start());
        assertEquals(Instant.parse("2026-02-09T13:00:00Z"), plan.end());
    }

    @Test
    @DisplayName("an edge older than the hourly retention moves onto the day grid and its day is read from the daily store")
    void oldEdges() {
        TalkerPlan plan = plan("2025-11-03T10:00:00Z", "2025-11-20T07:00:00Z");
        assertEquals(List.of(span("2025-11-03T00:00:00Z", "2025-11-21T00:00:00Z")), plan.days());
        assertEquals(List.of(), plan.hours());
        assertEquals(Instant.parse("2025-11-03T00:00:00Z"), plan.start());
        assertEquals(Instant.parse("2025-11-21T00:00:00Z"), plan.end());

        TalkerPlan inOneOldDay = plan("2025-11-03T10:00:00Z", "2025-11-03T12:00:00Z");
        assertEquals(List.of(span("2025-11-03T00:00:00Z", "2025-11-04T00:00:00Z")), inOneOldDay.days());

        TalkerPlan oldStartRecentEnd = plan("2025-12-01T10:00:00Z", "2026-02-10T05:00:00Z");
        assertEquals(List.of(span("2025-12-01T00:00:00Z", "2026-02-10T00:00:00Z")), oldStartRecentEnd.days());
        assertEquals(List.of(span("2026-02-10T00:00:00Z", "2026-02-10T05:00:00Z")), oldStartRecentEnd.hours());
    }

    @Test
    @DisplayName("hands on the tables of exactly the planned windows, each with its key")
    void readsThePlannedWindows() {
        TalkerPlan plan = plan("2026-02-08T22:00:00Z", "2026-02-10T02:00:00Z");
        List<String> asked = new ArrayList<>();
        plan.forEachTable((store, from, to, sink) -> {
            asked.add(store + " " + from + " " + to);
            sink.accept("spoke-a|EXTERNAL", TalkerTable.empty(10));
        }, (key, table) -> asked.add(key));
        assertEquals(List.of(TalkersTopology.STORE_1D + " 2026-02-09T00:00:00Z 2026-02-10T00:00:00Z", "spoke-a|EXTERNAL",
                TalkersTopology.STORE_1H + " 2026-02-08T22:00:00Z 2026-02-09T00:00:00Z", "spoke-a|EXTERNAL",
                TalkersTopology.STORE_1H + " 2026-02-10T00:00:00Z 2026-02-10T02:00:00Z", "spoke-a|EXTERNAL"), asked);
    }

    @Test
    @DisplayName("refuses an empty period")
    void emptyPeriod() {
        assertThrows(IllegalArgumentException.class, () -> plan("2026-02-09T10:00:00Z", "2026-02-09T10:00:00Z"));
    }
}
