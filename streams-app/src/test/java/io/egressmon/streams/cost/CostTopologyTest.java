package io.egressmon.streams.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.egressmon.avro.CounterSnapshot;
import io.egressmon.avro.Gateway;
import io.egressmon.avro.InterfaceCounters;
import io.egressmon.avro.SnapshotKind;
import io.egressmon.avro.SpokeHourCost;
import io.egressmon.streams.AppDriver;
import io.egressmon.streams.talkers.TalkerSettings;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import io.egressmon.api.cost.CostPartial;
import io.egressmon.api.cost.CostPartialRequest;
import io.egressmon.api.cost.Usd;
import io.egressmon.streams.query.CostPartials;
import io.egressmon.streams.query.CostReader;
import java.util.Set;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.TestInputTopic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cost part of the topology, fed through the counter snapshots as ingest writes them: hourly
 * windows priced on their account's month in time order, each spoke-hour's latest cost written once
 * per commit, and the query stores holding what the topic says.
 */
@DisplayName("Cost per spoke and hour (topology)")
class CostTopologyTest {
    private static final long GB = 1_000_000_000L;
    private static final Instant H0 = Instant.parse("2026-01-01T00:00:00Z");

    @TempDir
    Path stateDir;
    private AppDriver app;
    private TestInputTopic<String, CounterSnapshot> snapshots;

    @BeforeEach
    void start() {
        app = new AppDriver(stateDir, TalkerSettings.DEFAULTS, H0.plus(Duration.ofDays(1)));
        snapshots = app.input(app.serdes.snapshots());
        TestInputTopic<String, Gateway> inventory = app.input(app.serdes.inventory());
        for (Gateway g : List.of(gateway("spoke-a", "AWS", "acct-1", "us-east-1"), gateway("spoke-b", "AWS", "acct-1", "us-east-1"),
                gateway("spoke-c", "Azure ARM", "acct-2", "eastus"))) {
            inventory.pipeInput(g.getGwName(), g, H0);
        }
    }

    @AfterEach
    void stop() {
        app.close();
    }

    @Test
    @DisplayName("two spokes of one account share its free allowance and tiers, hour by hour in time order, whatever order their hours arrive in")
    void sharedTiersInTimeOrder() {
        // spoke-b's hours arrive before spoke-a's: hour 0 of spoke-a is priced after hour 1 of spoke-b.
        eth0Tx("spoke-b", 0, 60 * GB, 360 * GB);
        eth0Tx("spoke-a", 0, 60 * GB, 10_060 * GB);
        eth0Tx("spoke-c", 0, 200 * GB, 200 * GB);
        eth0Tx("orphan", 0, 10 * GB);
        closeHours();
        Map<String, SpokeHourCost> costs = latestCosts();

        // Hour 0: acct-1 sends 120 GB; the first 100 GB of the month are free, 20 GB at $0.09 = $1.80, half each.
        assertUsd("0.9", costs.get("spoke-a@" + H0));
        assertUsd("0.9", costs.get("spoke-b@" + H0));
        assertEquals(0, costs.get("spoke-a@" + H0).getAccountMonthBytesBefore());
        assertEquals(120 * GB, costs.get("spoke-a@" + H0).getAccountHourBytes());
        // Hour 1: 10 300 GB from 120 GB on: 10 120 GB at $0.09 to the end of the first 10 TB (10 240 GB),
        // 180 GB at $0.085 = $910.80 + $15.30 = $926.10, split 10 000 : 300.
        Instant h1 = H0.plus(Duration.ofHours(1));
        assertUsdNear("899.1262135922330097087378640776699", costs.get("spoke-a@" + h1));
        assertUsdNear("26.97378640776699029126213592233010", costs.get("spoke-b@" + h1));
        assertEquals(120 * GB, costs.get("spoke-b@" + h1).getAccountMonthBytesBefore());
        assertEquals(2, costs.get("spoke-b@" + h1).getTier(), "past 10 TB: the second tier");
        assertEquals("0.085", costs.get("spoke-b@" + h1).getTierUsdPerUnit());
        // Another account, another ladder: spoke-c's 200 GB in Azure zone 1, 100 GB free, 100 GB at $0.087.
        assertUsd("8.7", costs.get("spoke-c@" + H0));
        assertUsd("0", costs.get("spoke-c@" + h1));
        assertEquals("azure", costs.get("spoke-c@" + H0).getProvider());
        assertEquals("aws|acct-1|us-east-1", costs.get("spoke-a@" + H0).getBillingKey());
        assertEquals(6, costs.size(), "four spoke-hours of acct-1, two of acct-2 (one of them $0); the orphan's is not priced: "
                + costs.keySet());
        assertTrue(app.stats.cost().asMap().get("cost_unpriced_windows") >= 1, "the orphan's hour: " + app.stats.cost().asMap());
        assertEquals(6, app.stats.cost().asMap().get("cost_windows"));
    }

    @Test
    @DisplayName("the hours a commit closes go to their account's task in one record, and each spoke-hour's cost is written once, at the commit, with its share")
    void writtenAtTheCommit() {
        eth0Tx("spoke-a", 0, 150 * GB);
        eth0Tx("spoke-b", 0, 50 * GB);
        assertEquals(List.of(), app.output(app.serdes.cost()).readKeyValuesToList(), "no hour closed yet");
        closeHours(); // TopologyTestDriver commits after every record: the one that closes both hours
        List<KeyValue<String, SpokeHourCost>> written = app.output(app.serdes.cost()).readKeyValuesToList();
        assertEquals(2, written.size(), "each spoke-hour once, though spoke-b's hour changes spoke-a's share: " + written);
        // 200 GB, 100 GB free, 100 GB at $0.09 = $9.00, split 150 : 50.
        Map<String, SpokeHourCost> costs = latest(written);
        assertUsd("6.75", costs.get("spoke-a@" + H0));
        assertUsd("2.25", costs.get("spoke-b@" + H0));
        assertEquals(2, app.stats.cost().asMap().get("cost_windows"));

        eth0Tx("spoke-a", 0, 150 * GB, 150 * GB); // a reading again: nothing new to close
        assertEquals(List.of(), app.output(app.serdes.cost()).readKeyValuesToList(), "nothing changed: nothing written again");
    }

    @Test
    @DisplayName("the hours of months older than the 14 kept are deleted from the state at the first commit of a month")
    void oldMonthsExpire() {
        eth0Tx("spoke-a", 0, 150 * GB);
        closeHours();
        assertEquals(List.of("2026-01|aws|acct-1|us-east-1|spoke-a|0"), storedHours());
        app.driver.advanceWallClockTime(Duration.between(H0.plus(Duration.ofDays(1)), Instant.parse("2027-02-01T00:00:00Z")));
        eth0Tx("spoke-b", 0); // any record: the commit after it looks at the wall clock's month
        assertEquals(List.of("2026-01|aws|acct-1|us-east-1|spoke-a|0"), storedHours(), "2027-02: 2026-01 is the 14th month, kept");
        app.driver.advanceWallClockTime(Duration.ofDays(28));
        eth0Tx("spoke-c", 0);
        assertEquals(List.of(), storedHours(), "2027-03: 2026-01 is the 15th month");
        assertEquals(1, app.stats.cost().asMap().get("cost_hours_expired"));
    }

    @Test
    @DisplayName("the query stores hold each spoke-hour as cost.spoke-hours last said it, its days summed exactly, and its account's month")
    void queryStoresHoldTheTopic() {
        eth0Tx("spoke-b", 0, 60 * GB, 360 * GB);
        eth0Tx("spoke-a", 0, 60 * GB, 10_060 * GB);
        eth0Tx("spoke-c", 0, 200 * GB, 200 * GB);
        closeHours();
        Map<String, SpokeHourCost> costs = latestCosts();
        assertEquals(6, costs.size());
        KeyValueStore<Bytes, byte[]> hours = app.driver.getKeyValueStore(CostQueryStores.HOURS);
        Map<String, SpokeDayRow> days = new TreeMap<>();
        for (SpokeHourCost c : costs.values()) {
            SpokeHourRow row = SpokeHourRow.decode(hours.get(GatewayTimeKey.of(c.getGateway(), GatewayTimeKey.hour(c.getHourStart()))));
            assertEquals(c.getEgressBytes(), row.bytes(), c.toString());
            assertEquals(new BigDecimal(c.getUsd()), row.usd(), c.toString());
            assertEquals(new BigDecimal(c.getListUsd()), row.listUsd(), c.toString());
            assertEquals(c.getBillingKey(), row.billingKey());
            assertEquals(c.getTier(), row.tier());
            assertEquals(c.getAccountMonthBytesBefore(), row.accountMonthBytesBefore());
            days.merge(c.getGateway(), new SpokeDayRow(c.getEgressBytes(), new BigDecimal(c.getUsd()), new BigDecimal(c.getListUsd()),
                    c.getBillingKey()), (x, y) -> x.plus(y.bytes(), y.usd(), y.listUsd(), y.billingKey()));
        }
        KeyValueStore<Bytes, byte[]> dayStore = app.driver.getKeyValueStore(CostQueryStores.DAYS);
        days.forEach((gateway, expected) -> {
            SpokeDayRow row = SpokeDayRow.decode(dayStore.get(GatewayTimeKey.of(gateway, GatewayTimeKey.day(H0))));
            assertEquals(expected.bytes(), row.bytes(), gateway);
            assertEquals(0, expected.usd().compareTo(row.usd()), gateway + ": " + expected.usd() + " vs " + row.usd());
            assertEquals(expected.usd(), row.usd(), gateway + ": the day is the exact sum of its hours");
        });
        KeyValueStore<String, byte[]> months = app.driver.getKeyValueStore(CostQueryStores.ACCOUNT_MONTHS);
        AccountMonthRow acct1 = AccountMonthRow.decode(months.get("2026-01|aws|acct-1|us-east-1"));
        assertEquals(10_420 * GB, acct1.monthBytes(), "120 GB then 10 300 GB");
        assertEquals(2, acct1.tier());
        assertEquals("GB", acct1.unit());
        assertEquals(List.of(new AccountMonthRow.Spoke("spoke-a", GatewayTimeKey.hour(H0) + 2),
                new AccountMonthRow.Spoke("spoke-b", GatewayTimeKey.hour(H0) + 2)), acct1.spokes(), "both priced to the end of hour 1");
    }

    @Test
    @DisplayName("a partial answer read from the query stores sums to the latest cost.spoke-hours records, from days and from edge hours")
    void partialSumsTheTopic() {
        eth0Tx("spoke-b", 0, 60 * GB, 360 * GB);
        eth0Tx("spoke-a", 0, 60 * GB, 10_060 * GB);
        eth0Tx("spoke-c", 0, 200 * GB, 200 * GB);
        closeHours();
        List<KeyValue<String, SpokeHourCost>> written = app.output(app.serdes.cost()).readKeyValuesToList();
        Map<String, SpokeHourCost> costs = latest(written);
        Map<String, BigDecimal> expected = new TreeMap<>();
        Map<String, Long> expectedBytes = new TreeMap<>();
        costs.values().forEach(c -> {
            expected.merge(c.getGateway(), new BigDecimal(c.getUsd()), BigDecimal::add);
            expectedBytes.merge(c.getGateway(), c.getEgressBytes(), Long::sum);
        });
        CostReader reader = driverReader();
        CostPartial partial = CostPartials.collect("test", new CostPartialRequest(H0, H0.plus(Duration.ofDays(1)), null, null,
                Set.of(0)), p -> reader, Map.of());
        assertEquals(expected.keySet(), partial.gateways().keySet());
        partial.gateways().forEach((gateway, part) -> {
            assertEquals(Usd.text(expected.get(gateway)), part.usd(), gateway + ": the day's rollup is the latest records' sum, exactly");
            assertEquals(expectedBytes.get(gateway), part.egressBytes(), gateway);
            assertEquals(part.usd(), part.monthToDateUsd(), "the period starts the month");
        });
        CostPartial edge = CostPartials.collect("test", new CostPartialRequest(H0.plus(Duration.ofHours(1)),
                H0.plus(Duration.ofHours(2)), "spoke-b", null, Set.of(0)), p -> reader, Map.of());
        assertEquals(Usd.text(new BigDecimal(costs.get("spoke-b@" + H0.plus(Duration.ofHours(1))).getUsd())),
                edge.gateways().get("spoke-b").usd(), "an hour inside a day is read from the hours");
        assertEquals(Set.of("spoke-b"), edge.gateways().keySet());
        CostPartial wholeMonth = CostPartials.collect("test", new CostPartialRequest(H0, Instant.parse("2026-02-01T00:00:00Z"),
                null, null, Set.of(0)), p -> reader, Map.of());
        assertEquals(H0.plus(Duration.ofHours(2)).minus(Duration.ofDays(7)), wholeMonth.hourlySince(),
                "the forecast's basis ends at the last priced hour, not at the period's end a month ahead");
        List<String> hourly = wholeMonth.hourlyUsd();
        assertEquals("10.5", hourly.get(hourly.size() - 2), "hour 0: $0.90 + $0.90 + $8.70");
        assertTrue(hourly.subList(0, hourly.size() - 2).stream().allMatch(java.util.Objects::isNull), "nothing before: " + hourly);
    }

    @Test
    @DisplayName("a period with edges inside days sums its edge hours and whole days; month to date and the forecast's hours too")
    void oddEdges() {
        long[] a = new long[60];
        long[] b = new long[60];
        for (int h = 1; h < 60; h++) {
            a[h] = a[h - 1] + (h % 5 + 1) * 7 * GB;
            b[h] = b[h - 1] + (h % 3) * 11 * GB;
        }
        eth0Tx("spoke-a", a);
        eth0Tx("spoke-b", b);
        closeHoursAt(H0.plus(Duration.ofHours(80)));
        Map<String, SpokeHourCost> costs = latestCosts();
        // 21 hours of day 0, all of day 1 (its rollup), 5 hours of day 2
        Instant from = H0.plus(Duration.ofHours(3));
        Instant to = H0.plus(Duration.ofHours(53));
        CostPartial partial = CostPartials.collect("test", new CostPartialRequest(from, to, null, null, Set.of(0)),
                p -> driverReader(), Map.of());
        for (String gateway : List.of("spoke-a", "spoke-b")) {
            BigDecimal period = BigDecimal.ZERO;
            BigDecimal month = BigDecimal.ZERO;
            long bytes = 0;
            for (SpokeHourCost c : costs.values()) {
                if (c.getGateway().equals(gateway) && c.getHourStart().isBefore(to)) {
                    month = month.add(new BigDecimal(c.getUsd()));
                    if (!c.getHourStart().isBefore(from)) {
                        period = period.add(new BigDecimal(c.getUsd()));
                        bytes += c.getEgressBytes();
                    }
                }
            }
            assertEquals(Usd.text(period), partial.gateways().get(gateway).usd(), gateway + " over the period");
            assertEquals(bytes, partial.gateways().get(gateway).egressBytes(), gateway);
            assertEquals(Usd.text(month), partial.gateways().get(gateway).monthToDateUsd(), gateway + " month to date");
        }
        BigDecimal lastHour = BigDecimal.ZERO;
        for (SpokeHourCost c : costs.values()) {
            if (c.getHourStart().equals(to.minus(Duration.ofHours(1)))) {
                lastHour = lastHour.add(new BigDecimal(c.getUsd()));
            }
        }
        List<String> hourly = partial.hourlyUsd();
        assertEquals(to.minus(Duration.ofDays(7)), partial.hourlySince(), "priced past the period's end: the basis ends with it");
        assertEquals(Usd.text(lastHour), hourly.get(hourly.size() - 1), "the period's last hour, both spokes");
    }

    /** The driver's stores as the query side reads them (one partition). */
    private CostReader driverReader() {
        return new CostReader() {
            @Override
            public void range(String store, Bytes from, Bytes to, java.util.function.BiConsumer<Bytes, byte[]> sink) {
                try (KeyValueIterator<Bytes, byte[]> it = app.driver.<Bytes, byte[]>getKeyValueStore(store).range(from, to)) {
                    it.forEachRemaining(kv -> sink.accept(kv.key, kv.value));
                }
            }

            @Override
            public void range(String store, String from, String to, java.util.function.BiConsumer<String, byte[]> sink) {
                try (KeyValueIterator<String, byte[]> it = app.driver.<String, byte[]>getKeyValueStore(store).range(from, to)) {
                    it.forEachRemaining(kv -> sink.accept(kv.key, kv.value));
                }
            }
        };
    }

    private List<String> storedHours() {
        List<String> keys = new java.util.ArrayList<>();
        try (org.apache.kafka.streams.state.KeyValueIterator<String, Long> all =
                     app.driver.<String, Long>getKeyValueStore(CostProcessor.STORE_HOURS).all()) {
            all.forEachRemaining(kv -> keys.add(kv.key));
        }
        return keys;
    }

    /** Hourly readings of {@code gateway}'s eth0 transmit counter from {@link #H0} on. */
    private void eth0Tx(String gateway, long... tx) {
        for (int h = 0; h < tx.length; h++) {
            Instant at = H0.plus(Duration.ofHours(h));
            Map<String, InterfaceCounters> interfaces = new TreeMap<>(Map.of("eth0", new InterfaceCounters(0L, tx[h])));
            snapshots.pipeInput(gateway, new CounterSnapshot(gateway, at, at, at, h == 0 ? SnapshotKind.BASELINE : SnapshotKind.BACKFILL,
                    interfaces), at);
        }
    }

    /**
     * Another gateway's two readings on the same partition, 12 hours on: the second (the first with a
     * delta) moves stream time past the test hours' end plus the grace, which closes them; the commit
     * after it writes their costs.
     */
    private void closeHours() {
        closeHoursAt(H0.plus(Duration.ofHours(12)));
    }

    private void closeHoursAt(Instant at) {
        for (Instant late : List.of(at, at.plus(Duration.ofMinutes(5)))) {
            snapshots.pipeInput("clock", new CounterSnapshot("clock", late, late, late, SnapshotKind.LIVE,
                    new TreeMap<>(Map.of("eth0", new InterfaceCounters(0L, 0L)))), late);
        }
    }

    private Map<String, SpokeHourCost> latestCosts() {
        return latest(app.output(app.serdes.cost()).readKeyValuesToList());
    }

    /** The last cost written per {@code gateway@hour start}. */
    private static Map<String, SpokeHourCost> latest(List<KeyValue<String, SpokeHourCost>> written) {
        Map<String, SpokeHourCost> out = new TreeMap<>();
        for (KeyValue<String, SpokeHourCost> kv : written) {
            assertEquals(kv.key, kv.value.getGateway(), "keyed by gateway");
            out.put(kv.key + "@" + kv.value.getHourStart(), kv.value);
        }
        return out;
    }

    private static void assertUsd(String expected, SpokeHourCost cost) {
        assertEquals(0, new BigDecimal(expected).compareTo(new BigDecimal(cost.getUsd())), () -> "expected $" + expected + ": " + cost);
    }

    /** Equal to 28 decimal places: a share of an hour split between spokes is exact to 34 significant digits. */
    private static void assertUsdNear(String expected, SpokeHourCost cost) {
        BigDecimal diff = new BigDecimal(expected).subtract(new BigDecimal(cost.getUsd())).abs();
        assertTrue(diff.compareTo(new BigDecimal("1e-28")) < 0, () -> "expected $" + expected + ": " + cost);
    }

    private static Gateway gateway(String name, String vendor, String account, String region) {
        return Gateway.newBuilder().setGwName(name).setGwType("spoke").setAccountName(account).setVpcId("vpc~~" + name)
                .setVpcName(name).setVpcRegion(region).setVendorName(vendor).setTransitGwName("transit-1").setGroupName("")
                .setTunnelInterfaces(List.of("tun-transit-1")).setObservedAt(H0).build();
    }
}
