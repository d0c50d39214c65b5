package io.egressmon.streams.counters;

import static io.egressmon.streams.counters.Snapshots.clock;
import static io.egressmon.streams.counters.Snapshots.of;
import static io.egressmon.streams.counters.Snapshots.t;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.egressmon.api.bandwidth.RawTotals;
import io.egressmon.avro.SpokeBandwidthWindow;
import io.egressmon.streams.counters.TopologyStats.Counter;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@DisplayName("Final window results")
@ExtendWith(BandwidthDriver.PerTest.class)
class FinalWindowsTest {
    @Test
    @DisplayName("A window's final result is written only after stream time passes its end plus grace, with the inventory attributes")
    void finalResultAfterGraceWithInventory(BandwidthDriver d) {
        d.inventory(Snapshots.inventory("spoke-a", "AWS", "transit-1"));
        d.pipe(of("spoke-a", "10:00").eth0(0L, 0L).iface("tun-transit-1", 0L, 0L),
                of("spoke-a", "10:05").eth0(1_000L, 800L).iface("tun-transit-1", 300L, 100L),
                clock("16:00"),
                clock("16:04"));
        assertEquals(List.of(), d.emitted(), "[10:00, 10:05) closes at 16:05, stream time is 16:04");

        d.pipe(clock("16:06"));
        List<KeyValue<String, SpokeBandwidthWindow>> emitted = d.emitted();
        assertEquals(1, emitted.size(), () -> "emitted " + emitted);
        assertEquals("spoke-a", emitted.get(0).key);
        SpokeBandwidthWindow w = emitted.get(0).value;
        assertAll(
                () -> assertEquals("PT5M", w.getGranularity()),
                () -> assertEquals(t("10:00"), w.getWindowStart()),
                () -> assertEquals(t("10:05"), w.getWindowEnd()),
                () -> assertEquals("acct-spoke-a", w.getAccountName()),
                () -> assertEquals("vpc-0abc~~spoke-a-vpc", w.getVpcId()),
                () -> assertEquals("spoke-a-vpc", w.getVpcName()),
                () -> assertEquals("us-east-1", w.getVpcRegion()),
                () -> assertEquals("AWS", w.getVendorName()),
                () -> assertEquals("transit-1", w.getTransitGwName()),
                () -> assertEquals("group-a", w.getGroupName()),
                () -> assertEquals(1_000, w.getEth0RxBytes()),
                () -> assertEquals(800, w.getEth0TxBytes()),
                () -> assertEquals(300, w.getTunnelRxBytes()),
                () -> assertEquals(100, w.getTunnelTxBytes()),
                () -> assertEquals(300, w.getInternalRxBytes()),
                () -> assertEquals(100, w.getInternalTxBytes()),
                () -> assertEquals(600, w.getEgressRxBytes()),
                () -> assertEquals(400, w.getEgressTxBytes()),
                () -> assertEquals(0, w.getResets()));

        d.pipe(clock("17:01"));
        List<KeyValue<String, SpokeBandwidthWindow>> hourly = d.emitted();
        assertEquals(1, hourly.size(), () -> "emitted " + hourly);
        assertEquals("PT1H", hourly.get(0).value.getGranularity());
        assertEquals(t("10:00"), hourly.get(0).value.getWindowStart());
        assertEquals(t("11:00"), hourly.get(0).value.getWindowEnd());
        assertEquals(1_000, hourly.get(0).value.getEth0RxBytes());
        assertEquals("AWS", hourly.get(0).value.getVendorName());
        assertEquals(2, d.stats.get(Counter.WINDOWS));
    }

    @Test
    @DisplayName("A gateway missing from the inventory still gets its windows, with empty attributes, and is counted")
    void missingFromInventory(BandwidthDriver d) {
        d.pipe(of("spoke-b", "10:00").eth0(0L, 0L), of("spoke-b", "10:05").eth0(10L, 20L),
                clock("16:00"), clock("16:10"));

        List<KeyValue<String, SpokeBandwidthWindow>> emitted = d.emitted();
        assertEquals(1, emitted.size(), () -> "emitted " + emitted);
        SpokeBandwidthWindow w = emitted.get(0).value;
        assertEquals("spoke-b", w.getGateway());
        assertEquals("", w.getAccountName());
        assertEquals("", w.getVendorName());
        assertEquals(10, w.getEth0RxBytes());
        assertEquals(1, d.stats.get(Counter.WINDOWS_WITHOUT_INVENTORY));
    }

    @Test
    @DisplayName("Each final window clamps egress for itself alone; the raw fields still add up to the period's egress")
    void egressClampedPerWindow(BandwidthDriver d) {
        d.pipe(of("spoke-a", "10:00").eth0(0L, 0L).iface("tun-t1", 0L, 0L),
                // tunnel bytes sampled before the eth0 bytes that carried them
                of("spoke-a", "10:05").eth0(100L, 0L).iface("tun-t1", 150L, 0L),
                of("spoke-a", "10:10").eth0(200L, 0L).iface("tun-t1", 150L, 0L),
                clock("16:00"), clock("16:15"));

        List<SpokeBandwidthWindow> windows = d.emitted().stream().map(kv -> kv.value)
                .filter(w -> w.getGateway().equals("spoke-a")).toList();
        assertEquals(2, windows.size(), () -> "emitted " + windows);
        assertEquals(0, windows.get(0).getEgressRxBytes());
        assertEquals(100, windows.get(1).getEgressRxBytes());

        RawTotals period = windows.stream().map(WindowTotals::of).reduce(RawTotals.ZERO, RawTotals::plus);
        assertEquals(50, period.egressRx(), "200 eth0 − 150 tunnel, clamped once for the period");
    }

    @Test
    @DisplayName("The inventory as it stands when a window closes is used; after a gateway's removal its windows carry empty attributes")
    void inventoryAtClosingTime(BandwidthDriver d) {
        d.inventory(Snapshots.inventory("spoke-a", "AWS", "transit-1"));
        d.pipe(of("spoke-a", "10:00").eth0(0L, 0L), of("spoke-a", "10:05").eth0(10L, 10L));
        d.inventory(Snapshots.inventory("spoke-a", "Azure ARM", "transit-2"));
        d.pipe(clock("16:00"), clock("16:06"));

        List<KeyValue<String, SpokeBandwidthWindow>> first = d.emitted();
        assertEquals(1, first.size(), () -> "emitted " + first);
        assertEquals("Azure ARM", first.get(0).value.getVendorName());
        assertEquals("transit-2", first.get(0).value.getTransitGwName());

        d.removeFromInventory("spoke-a", t("16:07"));
        d.pipe(of("spoke-a", "10:10").eth0(20L, 20L), clock("16:11"));

        List<KeyValue<String, SpokeBandwidthWindow>> second = d.emitted();
        assertEquals(1, second.size(), () -> "emitted " + second);
        assertEquals(t("10:05"), second.get(0).value.getWindowStart());
        assertEquals("", second.get(0).value.getVendorName());
        assertEquals(10, second.get(0).value.getEth0RxBytes());
        assertEquals(1, d.stats.get(Counter.WINDOWS_WITHOUT_INVENTORY));
    }
}
