package io.egressmon.streams.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.egressmon.avro.CostAlert;
import io.egressmon.avro.Gateway;
import io.egressmon.avro.SpokeHourCost;
import io.egressmon.cost.BudgetConfig;
import io.egressmon.cost.GatewaySite;
import io.egressmon.streams.AppDriver;
import io.egressmon.streams.talkers.TalkerSettings;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The alerts part of the topology, fed spoke-hour costs as the cost part writes them to
 * {@code cost.spoke-hours}: changes per scope, the alert rules judged at each commit (the test
 * driver commits after every record), each dedupe key written once to {@code egressmon.alerts}.
 */
@DisplayName("Budget alerts (topology)")
class AlertsTopologyTest {
    private static final Instant H0 = Instant.parse("2026-03-01T00:00:00Z");
    private static final String BUDGETS = """
            cost_centers:
              platform:
                patterns: ["spoke-*"]
            budgets:
              - {scope: gateway, name: spoke-a, monthly_usd: 100}
              - {scope: account, name: acct-1, monthly_usd: 100000}
              - {scope: cost_center, name: platform, monthly_usd: 100000}
            """;

    @TempDir
    java.nio.file.Path stateDir;
    private AppDriver app;
    private TestInputTopic<String, SpokeHourCost> costs;
    private TestOutputTopic<String, CostAlert> alerts;

    @BeforeEach
    void start() {
        List<GatewaySite> known = List.of(GatewaySite.of("spoke-a", "AWS", "us-east-1", "acct-1", "grp-a"),
                GatewaySite.of("spoke-b", "AWS", "us-east-1", "acct-1", "grp-b"));
        app = new AppDriver(stateDir, TalkerSettings.DEFAULTS, H0.plus(Duration.ofDays(40)),
                BudgetConfig.load("budgets.yaml", BUDGETS, known));
        TestInputTopic<String, Gateway> inventory = app.input(app.serdes.inventory());
        for (GatewaySite g : known) {
            inventory.pipeInput(g.gwName(), Gateway.newBuilder().setGwName(g.gwName()).setGwType("spoke")
                    .setAccountName(g.accountName()).setVpcRegion(g.vpcRegion()).setVendorName(g.vendorName())
                    .setGroupName(g.groupName()).setObservedAt(H0).build(), H0);
        }
        costs = app.input(app.serdes.cost());
        alerts = app.output(app.serdes.alerts());
    }

    @AfterEach
    void stop() {
        app.close();
    }

    @Test
    @DisplayName("spend that crosses 50, 80 and 100 % of a budget raises each threshold once, a jump over two levels both")
    void thresholds() {
        cost("spoke-a", 0, "40");
        assertEquals(List.of(), keys("threshold"), "40 %: nothing yet");
        cost("spoke-a", 1, "45");
        assertEquals(List.of("gateway:spoke-a|2026-03|threshold|50", "gateway:spoke-a|2026-03|threshold|80"), keys("threshold"),
                "85 %: 50 and 80 at once");
        cost("spoke-a", 2, "5");
        assertEquals(List.of(), keys("threshold"), "90 %: nothing new");
        cost("spoke-a", 3, "20");
        List<KeyValue<String, CostAlert>> hundred = read("threshold");
        assertEquals(List.of("gateway:spoke-a|2026-03|threshold|100"), hundred.stream().map(kv -> kv.key).toList());
        CostAlert a = hundred.get(0).value;
        assertEquals("110", a.getAmountUsd(), "month-to-date");
        assertEquals("100.00", new BigDecimal(a.getLimitUsd()).setScale(2).toPlainString());
        assertEquals("100", a.getBudgetUsd());
        assertEquals(H0.plus(Duration.ofHours(4)), a.getAsOf(), "as of the end of the last priced hour");
        assertEquals("gateway", a.getScopeKind());
        assertEquals("spoke-a", a.getScopeName());
        assertEquals(3, app.stats.alerts().asMap().get("alerts_raised"));
    }

    @Test
    @DisplayName("a spoke-hour priced again counts only by how much it changed; the same cost again counts nothing")
    void replacedHourCountsItsDelta() {
        cost("spoke-a", 0, "30");
        cost("spoke-a", 0, "55"); // the same hour again: $55 replaces $30, month-to-date $55, not $85
        assertEquals(List.of("gateway:spoke-a|2026-03|threshold|50"), keys("threshold"));
        cost("spoke-a", 0, "55");
        assertEquals(1, app.stats.alerts().asMap().get("alert_unchanged_costs"));
        cost("spoke-a", 0, "70");
        assertEquals(List.of(), keys("threshold"), "$70 is 70 %: no 80 yet");
        assertEquals("70", monthOf("gateway:spoke-a").split(";")[0]);
        assertEquals("70", monthOf("cost_center:platform").split(";")[0], "every scope of the gateway gets the change");
        assertEquals("70", monthOf("account:acct-1").split(";")[0]);
        assertEquals("70", monthOf("group:grp-a").split(";")[0], "the group from the inventory");
        cost("spoke-a", 0, "10"); // priced down again
        assertEquals("10", monthOf("gateway:spoke-a").split(";")[0]);
    }

    @Test
    @DisplayName("a forecast over the budget raises one burn-rate alert per scope and month, once a day of basis exists")
    void burnRateOnce() {
        for (int h = 0; h < 23; h++) {
            cost("spoke-a", h, "1");
        }
        assertEquals(List.of(), keys("burn_rate"), "under a day of basis: not judged");
        for (int h = 23; h < 48; h++) {
            cost("spoke-a", h, "1");
        }
        // $1 an hour: $744 by the end of March against $100; month-to-date $48, under 50 %.
        List<KeyValue<String, CostAlert>> burn = read("burn_rate");
        assertEquals(List.of("gateway:spoke-a|2026-03|burn_rate|forecast"), burn.stream().map(kv -> kv.key).toList());
        assertEquals(H0.plus(Duration.ofHours(24)), burn.get(0).value.getAsOf(), "raised at the first day of basis");
        assertEquals(0, new BigDecimal("744").compareTo(new BigDecimal(burn.get(0).value.getAmountUsd())),
                burn.get(0).value.getAmountUsd());
    }

    @Test
    @DisplayName("a day over 3 × the median of the days before raises one spike per scope and day, budgeted or not")
    void spikeOnce() {
        for (int day = 0; day < 10; day++) {
            cost("spoke-b", day * 24 + 12, "1");
        }
        assertEquals(List.of(), keys("spike"));
        cost("spoke-b", 10 * 24 + 9, "40");
        assertEquals(List.of("account:acct-1|2026-03|spike|2026-03-11", "cost_center:platform|2026-03|spike|2026-03-11",
                "gateway:spoke-b|2026-03|spike|2026-03-11", "group:grp-b|2026-03|spike|2026-03-11"),
                keys("spike").stream().sorted().toList());
        cost("spoke-b", 10 * 24 + 10, "40");
        assertEquals(List.of(), keys("spike"), "the same day again: the same dedupe keys");
    }

    @Test
    @DisplayName("costs delivered again raise nothing twice: the raised keys are state, written with the alerts")
    void redeliveryRaisesNothingTwice() {
        List<String[]> hours = List.of(new String[] {"0", "60"}, new String[] {"1", "30"}, new String[] {"2", "20"});
        hours.forEach(h -> cost("spoke-a", Integer.parseInt(h[0]), h[1]));
        List<String> first = keys(null);
        assertEquals(3, first.stream().filter(k -> k.contains("threshold")).count(), first.toString());
        hours.forEach(h -> cost("spoke-a", Integer.parseInt(h[0]), h[1]));
        assertEquals(List.of(), keys(null), "nothing changed: nothing judged anew");
        KeyValueStore<String, CostAlert> raised = app.driver.getKeyValueStore(AlertsTopology.STORE_RAISED);
        for (String key : first) {
            assertTrue(raised.get(key) != null, key + " kept as raised");
        }
    }

    private void cost(String gateway, int hour, String usd) {
        Instant start = H0.plus(Duration.ofHours(hour));
        costs.pipeInput(gateway, SpokeHourCost.newBuilder().setGateway(gateway).setHourStart(start).setProvider("aws")
                .setAccountName("acct-1").setVpcRegion("us-east-1").setBillingKey("aws|acct-1|us-east-1").setEgressBytes(0)
                .setAccountHourBytes(0).setAccountMonthBytesBefore(0).setListUsd(usd).setDiscountPct("0").setUsd(usd)
                .setTier(1).setTierUsdPerUnit("0.09").setUnit("GB").setPricesAsOf("2026-01-01").build(),
                start.plus(Duration.ofHours(1)));
    }

    private String monthOf(String scope) {
        KeyValueStore<String, String> months = app.driver.getKeyValueStore(AlertsTopology.STORE_MONTHS);
        return months.get(scope + "|2026-03");
    }

    /** The alerts written since the last read, of {@code kind} (null: all), checking each key is new. */
    private List<KeyValue<String, CostAlert>> read(String kind) {
        return alerts.readKeyValuesToList().stream()
                .filter(kv -> kind == null || kv.value.getKind().equals(kind))
                .collect(Collectors.toList());
    }

    private List<String> keys(String kind) {
        return read(kind).stream().map(kv -> kv.key).toList();
    }
}
