package io.egressmon.app.bench;

import io.egressmon.avro.CounterSnapshot;
import io.egressmon.avro.Gateway;
import io.egressmon.avro.InterfaceCounters;
import io.egressmon.avro.SnapshotKind;
import io.egressmon.schemas.Topics;
import io.egressmon.streams.StreamsApp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The estate the REST and cost benchmarks load: {@code spokes} spokes in 20 accounts, alternately
 * AWS and Azure, each account in one of five regions of its cloud (so 500 spokes make 20 billing
 * ladders of 25 spokes, each past its free allowance within the month), each spoke with one tunnel,
 * and hourly counter snapshots growing at fixed rates, as a backfill writes them.
 */
final class BenchEstate {
    static final long ETH0_RX_PER_HOUR = 40_000_000L;
    /** Every spoke's internet egress per hour (eth0 tx less its tunnel's payload). */
    static final long ETH0_TX_PER_HOUR = 30_000_000L;
    static final long TUN_RX_PER_HOUR = 2_000_000L;
    static final long TUN_TX_PER_HOUR = 1_000_000L;
    static final int ACCOUNTS = 20;
    private static final List<String> AWS_REGIONS = List.of("us-east-1", "eu-west-1", "ap-southeast-1", "us-west-2", "eu-central-1");
    private static final List<String> AZURE_REGIONS = List.of("eastus", "westeurope", "southeastasia", "westus2", "northeurope");

    private final int spokes;

    BenchEstate(int spokes) {
        this.spokes = spokes;
    }

    static String spokeName(int s) {
        return String.format("bench-spoke-%04d", s);
    }

    /** Spoke {@code s}'s vendor: its account's, AWS for even accounts. */
    static String vendor(int s) {
        return s % ACCOUNTS % 2 == 0 ? "AWS" : "Azure ARM";
    }

    static String account(int s) {
        return "account-" + (s % ACCOUNTS);
    }

    /** Spoke {@code s}'s region: its account's, one of five of its cloud. */
    static String region(int s) {
        int a = s % ACCOUNTS;
        return (a % 2 == 0 ? AWS_REGIONS : AZURE_REGIONS).get(a / 2 % 5);
    }

    void produceInventory(LocalCluster cluster, Instant start) {
        try (KafkaProducer<String, Gateway> inventory = cluster.bulkProducer(Topics.INVENTORY, 256 * 1024)) {
            for (int s = 0; s < spokes; s++) {
                String name = spokeName(s);
                inventory.send(new ProducerRecord<>(Topics.INVENTORY.name(), name, Gateway.newBuilder()
                        .setGwName(name).setGwType("spoke").setAccountName(account(s))
                        .setVpcId("vpc-" + s + "~~" + name).setVpcName(name).setVpcRegion(region(s))
                        .setVendorName(vendor(s)).setTransitGwName("transit-" + (s % 5))
                        .setGroupName(name).setTunnelInterfaces(List.of("tun-" + s))
                        .setObservedAt(start).build()));
            }
            inventory.flush();
        }
    }

    /** Hourly snapshots as a backfill writes them, hour after hour; timed from the first send to the end of flush. */
    int produceSnapshots(LocalCluster cluster, Instant start, Instant end) {
        return produceSnapshots(cluster, start, start, end);
    }

    /**
     * The snapshots from {@code from} to {@code end} (both included) of counters that started at
     * zero at {@code origin} (the baseline): a second call from where the first ended continues the
     * counters, as a poll after a backfill does.
     */
    int produceSnapshots(LocalCluster cluster, Instant origin, Instant from, Instant end) {
        int count = 0;
        try (KafkaProducer<String, CounterSnapshot> snapshots = cluster.bulkProducer(Topics.COUNTER_SNAPSHOTS, 256 * 1024)) {
            long hours = Duration.between(origin, end).toHours();
            for (long h = Duration.between(origin, from).toHours(); h <= hours; h++) {
                Instant at = origin.plus(Duration.ofHours(h));
                for (int s = 0; s < spokes; s++) {
                    String name = spokeName(s);
                    snapshots.send(new ProducerRecord<>(Topics.COUNTER_SNAPSHOTS.name(), null, at.toEpochMilli(), name,
                            CounterSnapshot.newBuilder().setGateway(name).setSampledAt(at)
                                    .setSliceStart(at.minus(Duration.ofHours(1))).setSliceEnd(at)
                                    .setKind(h == 0 ? SnapshotKind.BASELINE : SnapshotKind.BACKFILL)
                                    .setInterfaces(Map.of(
                                            "eth0", counters(h * ETH0_RX_PER_HOUR, h * ETH0_TX_PER_HOUR),
                                            "tun-" + s, counters(h * TUN_RX_PER_HOUR, h * TUN_TX_PER_HOUR)))
                                    .build()));
                    count++;
                }
            }
            snapshots.flush();
        }
        return count;
    }

    private static InterfaceCounters counters(long rx, long tx) {
        return InterfaceCounters.newBuilder().setRxBytes(rx).setTxBytes(tx).build();
    }

    static void awaitRunning(StreamsApp app) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (app.streams().state() != KafkaStreams.State.RUNNING) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the streams app is not running after 2 min: " + app.streams().state());
            }
            Thread.sleep(10);
        }
    }
}
