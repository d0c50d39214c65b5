package io.egressmon.app.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.egressmon.api.ApiJson;
import io.egressmon.avro.SpokeHourCost;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** {@code bench cost}'s queries: {@code GET /api/v1/cost} checked against the topic, then timed. */
final class CostQueries {
    /** What the queries measured, as the bench line's {@code key=value}s. */
    record Figures(Latencies all, Latencies grouped, LoadClient.Result oneSpoke) {
        String keyValues() {
            return String.format("p50_ms=%.2f p99_ms=%.2f group_p99_ms=%.2f rps=%.0f rps_p99_ms=%.2f", all.percentile(50),
                    all.percentile(99), grouped.percentile(99), oneSpoke.perSecond(), oneSpoke.latencies().percentile(99));
        }
    }

    private final String baseUrl;
    private final QueryLoad queries;

    CostQueries(String baseUrl, QueryLoad queries) {
        this.baseUrl = baseUrl;
        this.queries = queries;
    }

    /**
     * Checks the all-spokes answer over every priced day against {@code costs} (the topic's latest
     * record per spoke-hour), then times it, the same grouped by account, and one spoke's 7 days
     * under {@code clients} concurrent clients.
     */
    Figures measure(Instant start, Instant end, Map<String, SpokeHourCost> costs, String oneSpoke) throws Exception {
        // Hourly windows close 6 hours after they end: the last day is not all priced yet.
        Instant to = end.minus(Duration.ofDays(1));
        URI all = URI.create(baseUrl + "/api/v1/cost?from=" + start + "&to=" + to);
        check(all, start, to, costs);
        Latencies allSpokes = queries.sequential(all);
        System.out.printf("GET %s (all spokes, %s to %s), one client: %s%n", all.getPath(), start, to, allSpokes.summary());
        URI grouped = URI.create(all + "&group_by=account");
        Latencies byAccount = queries.sequential(grouped);
        System.out.printf("GET %s?%s, one client: %s%n", grouped.getPath(), grouped.getQuery(), byAccount.summary());
        URI spoke = URI.create(baseUrl + "/api/v1/cost?days=7&gateway=" + oneSpoke);
        LoadClient.Result load = queries.load(spoke);
        System.out.printf("GET %s?%s, %d clients for %d s: %.0f requests/s, %s%n", spoke.getPath(), spoke.getQuery(),
                queries.clients, queries.seconds, load.perSecond(), load.latencies().summary());
        return new Figures(allSpokes, byAccount, load);
    }

    /** The answer must be complete and cost what the topic's spoke-hours of the period cost: a fast wrong answer is no result. */
    private static void check(URI query, Instant from, Instant to, Map<String, SpokeHourCost> costs) throws Exception {
        BigDecimal expected = costs.values().stream()
                .filter(c -> !c.getHourStart().isBefore(from) && c.getHourStart().isBefore(to))
                .map(c -> new BigDecimal(c.getUsd())).reduce(BigDecimal.ZERO, BigDecimal::add);
        JsonNode answer = ApiJson.read(LoadClient.get(query), JsonNode.class);
        BigDecimal usd = new BigDecimal(answer.path("aggregate").path("usd").asText("NaN"));
        if (usd.subtract(expected).abs().compareTo(new BigDecimal("0.000001")) > 0 || !answer.path("complete").asBoolean()) {
            throw new IllegalStateException("GET " + query + " answers $" + usd + " (complete=" + answer.path("complete")
                    + "), the topic's spoke-hours of the period cost $" + expected);
        }
        System.out.printf("answer checked: $%s for the period, as the topic's spoke-hours; complete%n", usd);
    }
}
