package io.egressmon.streams.alerts.webhook;

import io.egressmon.api.ApiJson;
import io.egressmon.avro.CostAlert;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * The JSON a webhook receives for one alert: Slack's incoming-webhook {@code text} (Slack and its
 * look-alikes show it and ignore the other fields), then the alert's fields for programs, named as
 * on {@code egressmon.alerts} (docs/budgets.md, "Webhooks"). Dollars stay exact decimal strings.
 *
 * @param text      the alert's one sentence for people
 * @param dedupeKey {@code scope|month|kind|level}: the same alert always has the same key (receivers dedupe by it)
 * @param asOf      the data time of the evaluation that raised it
 * @param budgetUsd null for a spike on a scope without a budget
 */
public record AlertBody(String text, String dedupeKey, String scopeKind, String scopeName, String kind, String level,
                        String month, Instant asOf, String amountUsd, String limitUsd, String budgetUsd) {

    /** The body of {@code alert}: the one place the Avro record is mapped. */
    public static AlertBody of(CostAlert alert) {
        return new AlertBody(alert.getMessage(), alert.getDedupeKey(), alert.getScopeKind(), alert.getScopeName(),
                alert.getKind(), alert.getLevel(), alert.getMonth(), alert.getAsOf(), alert.getAmountUsd(),
                alert.getLimitUsd(), alert.getBudgetUsd());
    }

    /** The bytes POSTed, and signed: UTF-8 JSON, snake_case names, {@code as_of} as {@code 2026-03-14T09:00:00Z}. */
    public byte[] bytes() {
        return ApiJson.write(this).getBytes(StandardCharsets.UTF_8);
    }
}
