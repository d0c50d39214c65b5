package io.egressmon.streams.alerts.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.egressmon.avro.CostAlert;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class AlertBodyTest {

    static CostAlert threshold80() {
        return CostAlert.newBuilder()
                .setDedupeKey("cost_center:accounting|2026-03|threshold|80")
                .setScopeKind("cost_center").setScopeName("accounting")
                .setKind("threshold").setLevel("80").setMonth("2026-03")
                .setAsOf(Instant.parse("2026-03-14T09:00:00Z"))
                .setAmountUsd("201.25").setLimitUsd("200.00").setBudgetUsd("250")
                .setMessage("cost center accounting has spent $201.25 of its $250 March budget (80 %)")
                .build();
    }

    @Test
    @DisplayName("the body is Slack's {\"text\": …} first, then the alert's fields by their Avro names, dollars as exact strings")
    void slackCompatible() {
        assertEquals("{\"text\":\"cost center accounting has spent $201.25 of its $250 March budget (80 %)\","
                        + "\"dedupe_key\":\"cost_center:accounting|2026-03|threshold|80\","
                        + "\"scope_kind\":\"cost_center\",\"scope_name\":\"accounting\",\"kind\":\"threshold\",\"level\":\"80\","
                        + "\"month\":\"2026-03\",\"as_of\":\"2026-03-14T09:00:00Z\",\"amount_usd\":\"201.25\","
                        + "\"limit_usd\":\"200.00\",\"budget_usd\":\"250\"}",
                new String(AlertBody.of(threshold80()).bytes(), StandardCharsets.UTF_8));
    }

    @Test
    @DisplayName("a spike on a scope without a budget says budget_usd: null")
    void noBudget() {
        CostAlert spike = CostAlert.newBuilder(threshold80()).setKind("spike").setLevel("2026-03-14").setBudgetUsd(null).build();
        String body = new String(AlertBody.of(spike).bytes(), StandardCharsets.UTF_8);
        assertEquals(true, body.endsWith(",\"budget_usd\":null}"), body);
    }

    @Test
    @DisplayName("the dedupe key header is the key itself, percent-encoded only when it is not printable ASCII")
    void dedupeKeyHeader() {
        assertEquals("cost_center:accounting|2026-03|threshold|80",
                WebhookSender.headerValue("cost_center:accounting|2026-03|threshold|80"));
        assertEquals("cost_center%3Ar%C3%A9seau%20nord%7C2026-03%7Cburn_rate%7Cforecast",
                WebhookSender.headerValue("cost_center:réseau nord|2026-03|burn_rate|forecast"));
    }
}
