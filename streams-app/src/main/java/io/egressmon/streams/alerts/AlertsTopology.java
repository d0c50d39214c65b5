package io.egressmon.streams.alerts;

import io.egressmon.avro.CostAlert;
import io.egressmon.avro.SpokeHourCost;
import io.egressmon.cost.BudgetConfig;
import io.egressmon.schemas.Topic;
import io.egressmon.streams.StreamsTopics;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;

/**
 * The alerts part of the topology (docs/budgets.md, "Alerts in Kafka Streams"): the spoke-hour costs
 * the cost part writes, read back from {@code cost.spoke-hours}, turned into hourly changes per scope
 * ({@link ScopeDeltaProcessor}, keyed by gateway), sent through the repartition topic
 * {@code <application id>-alerts-by-scope-repartition}, judged by {@link AlertsProcessor} (keyed by
 * scope) and written to {@code egressmon.alerts}, each dedupe key once.
 * <pre>
 * cost.spoke-hours ─▶ alerts-scope-deltas (alerts-last-usd) ─▶ alerts-by-scope (repartition, key scope)
 *    ─▶ alerts-rules (alerts-scope-hours, alerts-scope-months, alerts-raised) ─▶ egressmon.alerts
 * </pre>
 */
public final class AlertsTopology {
    static final String SOURCE = "alerts-spoke-hours-source";
    static final String DELTAS = "alerts-scope-deltas";
    /** Names the repartition topic {@code <application id>-alerts-by-scope-repartition}. */
    public static final String BY_SCOPE = "alerts-by-scope";
    static final String RULES = "alerts-rules";
    static final String SINK = "alerts-sink";
    /** The store whose owners answer {@code GET /api/v1/alerts}: every alert store is in its task. */
    public static final String STORE_RAISED = AlertsProcessor.STORE_RAISED;
    public static final String STORE_HOURS = AlertsProcessor.STORE_HOURS;
    public static final String STORE_MONTHS = AlertsProcessor.STORE_MONTHS;

    private AlertsTopology() {
    }

    /** Adds the alerts part to {@code builder}, reading {@code costTopic} and writing {@code alertsTopic}. */
    public static void addTo(StreamsBuilder builder, Topic<String, SpokeHourCost> costTopic, Topic<String, CostAlert> alertsTopic,
                             BudgetConfig budgets, AlertStats stats) {
        builder.stream(costTopic.name(), StreamsTopics.consumed(costTopic, SOURCE))
                .process(ScopeDeltaProcessor.supplier(budgets, stats), Named.as(DELTAS))
                .repartition(Repartitioned.<String, List<HourDelta>>as(BY_SCOPE)
                        .withKeySerde(Serdes.String()).withValueSerde(HourDelta.batchSerde()))
                .process(AlertsProcessor.supplier(budgets, alertsTopic.valueSerde(), stats), Named.as(RULES))
                .to(alertsTopic.name(), StreamsTopics.produced(alertsTopic, SINK));
    }

    /** The repartition topic the alert stores' partitions are numbered by, for {@code applicationId}. */
    public static String byScopeTopic(String applicationId) {
        return applicationId + "-" + BY_SCOPE + "-repartition";
    }
}
