package io.egressmon.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.egressmon.api.cost.Usd;
import io.egressmon.avro.SpokeHourCost;
import io.egressmon.copilot.sim.CopilotSimulator;
import io.egressmon.copilot.sim.GroundTruth;
import io.egressmon.cost.BillingPoint;
import io.egressmon.cost.BillingSchedule;
import io.egressmon.cost.PriceTable;
import io.egressmon.cost.PriceTables;
import io.egressmon.cost.Provider;
import io.egressmon.cost.Traffic;
import io.egressmon.ingest.KafkaClients;
import io.egressmon.registry.SchemaRegistryClient;
import io.egressmon.schemas.Topic;
import io.egressmon.schemas.Topics;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * What the end-to-end ITs check of {@code cost.spoke-hours} against the simulator: read as a consumer
 * would (read_committed, the latest record per spoke and hour), every account's month costs what its
 * bytes cost priced at once (no hour lost, counted twice or left with a stale share), and what the
 * ground truth's hourly egress of the same hours costs, within the end-to-end tolerance.
 */
final class CostCheck {
    private CostCheck() {
    }

    /**
     * Reads {@code cost.spoke-hours} until two reads in a row agree (costs are written at commits), then
     * checks them against {@code simulator}'s ground truth priced with the default table.
     *
     * @return the latest cost per {@code gateway@hour start}
     */
    static Map<String, SpokeHourCost> assertPricedLikeTruth(String bootstrapServers, String registryUrl,
                                                           CopilotSimulator simulator) {
        Map<String, SpokeHourCost> latest = new TreeMap<>();
        PipelineHarness.await(() -> {
            Map<String, SpokeHourCost> read = read(bootstrapServers, registryUrl);
            boolean settled = !read.isEmpty() && read.equals(latest);
            latest.clear();
            latest.putAll(read);
            return settled;
        }, Duration.ofMinutes(2), () -> "cost.spoke-hours did not settle: " + latest.size() + " spoke-hours");
        PriceTable prices = PriceTables.defaults();
        // Per account ladder and month: the records' dollars and bytes, and the ground truth's bytes of the same hours.
        Map<String, BigDecimal> usd = new TreeMap<>();
        Map<String, Long> bytes = new TreeMap<>();
        Map<String, Long> truthBytes = new TreeMap<>();
        Map<String, BillingPoint> points = new TreeMap<>();
        Map<String, Set<Integer>> tiers = new TreeMap<>();
        Map<Instant, GroundTruth> truthByHour = new HashMap<>();
        for (SpokeHourCost c : latest.values()) {
            String ladder = ladder(c);
            usd.merge(ladder, new BigDecimal(c.getUsd()), BigDecimal::add);
            bytes.merge(ladder, c.getEgressBytes(), Long::sum);
            GroundTruth hour = truthByHour.computeIfAbsent(c.getHourStart(), h -> simulator.truth(h, h.plus(Duration.ofHours(1))));
            truthBytes.merge(ladder, hour.gateway(c.getGateway()).egressTxBytes(), Long::sum);
            points.put(ladder, new BillingPoint(Provider.fromKey(c.getProvider()), c.getVpcRegion(), c.getAccountName(), null));
            tiers.computeIfAbsent(ladder, k -> new TreeSet<>()).add(c.getTier());
        }
        List<String> gateways = latest.values().stream().map(SpokeHourCost::getGateway).distinct().toList();
        assertTrue(gateways.size() >= 13, "every spoke with metrics is priced: " + gateways);
        for (String ladder : usd.keySet()) {
            BillingSchedule schedule = prices.schedule(points.get(ladder), Traffic.INTERNET);
            BigDecimal atOnce = schedule.charge(0, bytes.get(ladder)).usd();
            assertTrue(usd.get(ladder).subtract(atOnce).abs().compareTo(new BigDecimal("1e-15")) < 0,
                    ladder + ": the hours' costs add up to the month priced at once: " + usd.get(ladder) + " vs " + atOnce);
            PipelineHarness.assertClose(ladder + " egress bytes against the ground truth", truthBytes.get(ladder), bytes.get(ladder));
            BigDecimal fromTruth = schedule.charge(0, truthBytes.get(ladder)).usd();
            BigDecimal tolerance = fromTruth.multiply(BigDecimal.valueOf(PipelineHarness.TOLERANCE)).add(new BigDecimal("0.000001"));
            assertTrue(usd.get(ladder).subtract(fromTruth).abs().compareTo(tolerance) <= 0,
                    ladder + ": $" + usd.get(ladder) + " against $" + fromTruth + " for the ground truth's bytes");
            System.out.printf("[cost] %s: %d bytes, $%s (the ground truth's bytes: $%s), tiers %s%n", ladder, bytes.get(ladder),
                    usd.get(ladder).setScale(6, RoundingMode.HALF_EVEN), fromTruth.setScale(6, RoundingMode.HALF_EVEN),
                    tiers.get(ladder));
        }
        return latest;
    }

    /** The account ladder and month a cost counts on: {@code provider|account|region|yyyy-MM}. */
    static String ladder(SpokeHourCost c) {
        return c.getBillingKey() + "|" + YearMonth.from(c.getHourStart().atZone(ZoneOffset.UTC));
    }

    /** Everything on {@code cost.spoke-hours} now, read_committed: the latest record per {@code gateway@hour start}. */
    static Map<String, SpokeHourCost> read(String bootstrapServers, String registryUrl) {
        Topic<String, SpokeHourCost> topic = Topics.COST_SPOKE_HOURS.bind(new SchemaRegistryClient(registryUrl));
        Map<String, SpokeHourCost> out = new TreeMap<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(KafkaClients.consumerProps(bootstrapServers, "cost-check"))) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic.name(), Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(topic.name(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions); // read_committed: the last stable offset
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                assertTrue(System.nanoTime() < deadline, "could not read " + topic.name() + " to its end");
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    SpokeHourCost c = topic.deserializeValue(r.value());
                    assertEquals(r.key(), c.getGateway(), "keyed by gateway");
                    out.put(c.getGateway() + "@" + c.getHourStart(), c);
                }
            }
        }
        return out;
    }

    /**
     * What {@code answer} (a {@code GET /api/v1/cost} body) says that the latest records of
     * {@code latest} do not, summed per spoke over the hours in {@code [from, to)} and, for
     * {@code month_to_date}, from the first hour of the month of {@code to} — exactly; null when
     * they agree.
     */
    static String costAnswerDiffers(JsonNode answer, Map<String, SpokeHourCost> latest, Instant from, Instant to) {
        Map<String, BigDecimal> usd = new TreeMap<>();
        Map<String, BigDecimal> list = new TreeMap<>();
        Map<String, Long> bytes = new TreeMap<>();
        BigDecimal monthToDate = BigDecimal.ZERO;
        Instant monthStart = YearMonth.from(to.minusMillis(1).atZone(ZoneOffset.UTC)).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        for (SpokeHourCost c : latest.values()) {
            Instant h = c.getHourStart();
            if (!h.isBefore(from) && h.isBefore(to)) {
                usd.merge(c.getGateway(), new BigDecimal(c.getUsd()), BigDecimal::add);
                list.merge(c.getGateway(), new BigDecimal(c.getListUsd()), BigDecimal::add);
                bytes.merge(c.getGateway(), c.getEgressBytes(), Long::sum);
            }
            if (!h.isBefore(monthStart) && h.isBefore(to)) {
                monthToDate = monthToDate.add(new BigDecimal(c.getUsd()));
            }
        }
        List<String> problems = new java.util.ArrayList<>();
        Set<String> answered = new TreeSet<>();
        BigDecimal total = BigDecimal.ZERO;
        for (JsonNode g : answer.path("gateways")) {
            String name = g.path("gateway").asText();
            answered.add(name);
            BigDecimal expected = usd.getOrDefault(name, BigDecimal.ZERO);
            total = total.add(expected);
            if (!Usd.text(expected).equals(g.path("usd").asText())) {
                problems.add(name + ": usd " + g.path("usd").asText() + ", the records' sum " + Usd.text(expected));
            }
            if (!Usd.text(list.getOrDefault(name, BigDecimal.ZERO)).equals(g.path("list_usd").asText())) {
                problems.add(name + ": list_usd " + g.path("list_usd").asText());
            }
            if (bytes.getOrDefault(name, 0L) != g.path("egress_bytes").asLong()) {
                problems.add(name + ": egress_bytes " + g.path("egress_bytes").asLong() + ", the records' " + bytes.get(name));
            }
        }
        if (!answered.containsAll(usd.keySet())) {
            problems.add("spokes with records missing from the answer: " + usd.keySet() + " vs " + answered);
        }
        if (!Usd.text(total).equals(answer.path("aggregate").path("usd").asText())) {
            problems.add("aggregate usd " + answer.path("aggregate").path("usd").asText() + ", the records' " + Usd.text(total));
        }
        if (!Usd.text(monthToDate).equals(answer.path("month_to_date").path("usd").asText())) {
            problems.add("month_to_date usd " + answer.path("month_to_date").path("usd").asText() + ", the records' "
                    + Usd.text(monthToDate));
        }
        return problems.isEmpty() ? null : String.join("; ", problems);
    }
}
