package io.egressmon.streams.counters;

import io.egressmon.avro.CounterSnapshot;
import io.egressmon.avro.Gateway;
import io.egressmon.avro.InterfaceCounters;
import io.egressmon.avro.SnapshotKind;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Test data: counter snapshots and inventory entries, built the way ingest writes them. */
final class Snapshots {
    private final String gateway;
    private final Instant at;
    private SnapshotKind kind = SnapshotKind.LIVE;
    private final Map<String, InterfaceCounters> interfaces = new LinkedHashMap<>();

    private Snapshots(String gateway, Instant at) {
        this.gateway = gateway;
        this.at = at;
    }

    static final String DAY = "2026-01-01";

    /**
     * A reading of another gateway ({@code clock}) on the same partition, which does nothing but move
     * stream time to {@code hhmm}: it closes the windows whose end plus grace it passes.
     */
    static Snapshots clock(String hhmm) {
        return of("clock", hhmm).eth0(0L, 0L);
    }

    /** A LIVE snapshot of {@code gateway} sampled at {@code hhmm} of {@link #DAY}, UTC (e.g. {@code "10:05"}). */
    static Snapshots of(String gateway, String hhmm) {
        return new Snapshots(gateway, t(hhmm));
    }

    /** {@code hhmm} of {@link #DAY}, UTC. */
    static Instant t(String hhmm) {
        return Instant.parse(DAY + "T" + hhmm + ":00Z");
    }

    Snapshots kind(SnapshotKind kind) {
        this.kind = kind;
        return this;
    }

    Snapshots eth0(Long rx, Long tx) {
        return iface("eth0", rx, tx);
    }

    Snapshots iface(String name, Long rx, Long tx) {
        interfaces.put(name, new InterfaceCounters(rx, tx));
        return this;
    }

    String gateway() {
        return gateway;
    }

    Instant at() {
        return at;
    }

    CounterSnapshot build() {
        return new CounterSnapshot(gateway, at, at, at, kind, new LinkedHashMap<>(interfaces));
    }

    static Gateway inventory(String name, String cloud, String transit) {
        return Gateway.newBuilder()
                .setGwName(name)
                .setGwType("spoke")
                .setAccountName("acct-" + name)
                .setVpcId("vpc-0abc~~" + name + "-vpc")
                .setVpcName(name + "-vpc")
                .setVpcRegion("us-east-1")
                .setVendorName(cloud)
                .setTransitGwName(transit)
                .setGroupName("group-a")
                .setTunnelInterfaces(List.of("tun-" + transit))
                .setObservedAt(Instant.parse("2026-01-01T00:00:00Z"))
                .build();
    }
}
