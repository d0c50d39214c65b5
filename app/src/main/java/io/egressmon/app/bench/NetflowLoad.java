package io.egressmon.app.bench;

import io.egressmon.copilot.sim.flowiq.FlowRecord;
import io.egressmon.copilot.sim.flows.ExportFormat;
import io.egressmon.copilot.sim.flows.FlowEncoder;
import io.egressmon.copilot.sim.flows.SpokeExporter;
import io.egressmon.copilot.sim.flows.WireFlow;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Pre-encoded NetFlow v9 export for the netflow benchmark, so the sender spends its time sending, not
 * encoding. Exporter {@code e} (1-based) sends from {@code 127.0.1.e} (Linux routes all of 127/8 to
 * {@code lo}) as gateway {@code spoke-e}, with the simulator's encoder: templates in the first datagram
 * and then every 20th; {@value #FLOWS_PER_DATAGRAM} flows per datagram (about 1.1 KB).
 *
 * <p>Every flow is egress: an internal {@code 10.e.x.y} (256 per exporter) on one end and one of
 * {@code ips} public addresses on the other, half of the flows each way; a fifth of the addresses
 * carry four fifths of the flows. Bytes vary per flow, but every datagram's flows add up to exactly
 * {@value #DATAGRAM_BYTES}, so the bytes a gateway has in the top-N store tell how many of its
 * datagrams got there, whichever were lost.
 */
final class NetflowLoad {
    static final int FLOWS_PER_DATAGRAM = 30;
    static final long DATAGRAM_BYTES = 1_500_000;

    /** One exporter: its address, its gateway, and the datagrams it sends in turn. */
    record Exporter(InetAddress address, String gateway, List<ByteBuffer> datagrams) {
    }

    final List<Exporter> exporters;
    final long datagramBytesOnWire;

    private NetflowLoad(List<Exporter> exporters) {
        this.exporters = List.copyOf(exporters);
        this.datagramBytesOnWire = exporters.stream().flatMap(e -> e.datagrams().stream())
                .mapToLong(ByteBuffer::limit).sum() / exporters.stream().mapToLong(e -> e.datagrams().size()).sum();
    }

    /**
     * {@code exporters} exporters of {@code perExporter} datagrams each (sent round and round), flows
     * started a minute before {@code nowMs}.
     */
    static NetflowLoad build(int exporters, int perExporter, int ips, long nowMs) {
        SplittableRandom random = new SplittableRandom(42);
        long bootMs = nowMs - 3_600_000;
        List<Exporter> out = new ArrayList<>();
        for (int e = 1; e <= exporters; e++) {
            InetAddress address = loopback(e);
            String gateway = "spoke-" + e;
            FlowEncoder encoder = FlowEncoder.of(new SpokeExporter(gateway, e - 1, address, ExportFormat.NETFLOW_V9, 1, e), bootMs);
            List<ByteBuffer> datagrams = new ArrayList<>(perExporter);
            for (int d = 0; d < perExporter; d++) {
                List<byte[]> encoded = encoder.encode(flows(random, e, gateway, ips, nowMs), nowMs);
                if (encoded.size() != 1) {
                    throw new IllegalStateException("expected one datagram per " + FLOWS_PER_DATAGRAM + " flows, got " + encoded.size());
                }
                datagrams.add(ByteBuffer.allocateDirect(encoded.get(0).length).put(encoded.get(0)).flip());
            }
            out.add(new Exporter(address, gateway, List.copyOf(datagrams)));
        }
        return new NetflowLoad(out);
    }

    private static List<WireFlow> flows(SplittableRandom random, int exporter, String gateway, int ips, long nowMs) {
        List<WireFlow> flows = new ArrayList<>(FLOWS_PER_DATAGRAM);
        long given = 0;
        for (int i = 0; i < FLOWS_PER_DATAGRAM; i++) {
            int host = random.nextInt(256);
            String internal = "10." + exporter + "." + (host >> 6) + "." + (1 + (host & 63));
            int hot = Math.max(1, ips / 5);
            String external = publicIp(random.nextInt(5) != 0 ? random.nextInt(hot) : random.nextInt(ips));
            boolean outbound = random.nextBoolean();
            int port = 1024 + random.nextInt(60_000);
            FlowRecord record = outbound
                    ? new FlowRecord(internal, external, gateway, port, 443, 6)
                    : new FlowRecord(external, internal, gateway, 443, port, 6);
            long bytes = i < FLOWS_PER_DATAGRAM - 1 ? 100 + random.nextInt(50_000) : DATAGRAM_BYTES - given;
            given += bytes;
            long start = nowMs - 60_000 + random.nextInt(30_000);
            flows.add(new WireFlow(record, bytes, Math.max(1, bytes / 1000), start, start + random.nextInt(30_000)));
        }
        return flows;
    }

    /** A distinct public address per index, clear of RFC1918 and CGNAT (first octets 20..99). */
    static String publicIp(int index) {
        return (20 + index / (1 << 24)) + "." + (index >> 16 & 255) + "." + (index >> 8 & 255) + "." + (index & 255);
    }

    /** Exporter address → gateway, as {@code EGRESSMON_FLOW_EXPORTERS} would give it. */
    Map<InetAddress, String> gateways() {
        Map<InetAddress, String> map = new LinkedHashMap<>();
        exporters.forEach(e -> map.put(e.address(), e.gateway()));
        return map;
    }

    private static InetAddress loopback(int host) {
        try {
            return InetAddress.getByAddress(new byte[] {127, 0, 1, (byte) host});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
