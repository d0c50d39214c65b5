package io.egressmon.app;

import io.egressmon.avro.ExportFormat;
import io.egressmon.avro.FlowBatch;
import io.egressmon.avro.FlowRecord;
import io.egressmon.schemas.Topics;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * The golden test's flows: one batch per gateway and minute from 07:00 to 10:30 on 2026-11-10, for
 * two spokes of the inventory and the gateway that is not in it. Each minute: an outbound TCP flow, an
 * inbound UDP flow, an IPv6 one from a ULA host, an east-west flow (not egress) and a CGNAT peer (not
 * egress); every ten minutes a flow that spans two minutes (split between them). Byte counts follow a
 * fixed pattern without ties.
 */
final class GoldenFlows {
    static final List<String> GATEWAYS = List.of("aws-spoke-a", "azure-spoke-c", "ghost-gw");
    static final Instant FROM = Instant.parse("2026-11-10T07:00:00Z");
    static final Instant TO = Instant.parse("2026-11-10T10:30:00Z");

    private GoldenFlows() {
    }

    static void produce(KafkaProducer<String, FlowBatch> producer, List<Future<RecordMetadata>> sent) {
        for (Instant minute = FROM; minute.isBefore(TO); minute = minute.plus(Duration.ofMinutes(1))) {
            long m = minute.getEpochSecond() / 60;
            for (int g = 0; g < GATEWAYS.size(); g++) {
                String gateway = GATEWAYS.get(g);
                long start = minute.toEpochMilli();
                long end = start + 59_999;
                List<FlowRecord> flows = new ArrayList<>();
                flows.add(flow("10.1.2.100", "23.185.0.3", 40_000 + g, 443, 6, 50_000 + 1_000L * g + 777 * (m % 13), start, end));
                flows.add(flow("52.94.236.248", "10.2.0.15", 53, 5_353, 17, 20_000 + 300L * g + 91 * (m % 7), start, end));
                flows.add(flow("fd00::15", "2600:1f18::7", 50_000, 443, 6, 9_000 + 17L * (m % 5) + g, start, end));
                flows.add(flow("10.1.2.100", "10.3.3.3", 40_001, 5_432, 6, 700_000, start, end));
                flows.add(flow("10.1.2.101", "100.64.7.9", 40_002, 443, 6, 1_000, start, end));
                if (m % 10 == 0) {
                    flows.add(flow("10.1.2.101", "151.101.1.69", 40_003, 443, 6, 120_000 + g, start + 30_000, end + 30_000));
                }
                Instant received = minute.plusSeconds(65);
                FlowBatch batch = new FlowBatch("192.0.2." + (g + 1), gateway.equals("ghost-gw") ? "" : gateway,
                        g == 1 ? ExportFormat.NETFLOW_V9 : ExportFormat.IPFIX, received, flows);
                sent.add(producer.send(new ProducerRecord<>(Topics.FLOW_RECORDS.name(), null, received.toEpochMilli(),
                        gateway, batch)));
            }
        }
        producer.flush();
    }

    private static FlowRecord flow(String src, String dst, int srcPort, int dstPort, int protocol, long bytes,
                                   long start, long end) {
        return new FlowRecord(address(src), address(dst), srcPort, dstPort, protocol, bytes, bytes / 1_000 + 1, 1L,
                Instant.ofEpochMilli(start), Instant.ofEpochMilli(end), 7L, 1, 2, 0x18);
    }

    private static ByteBuffer address(String ip) {
        try {
            return ByteBuffer.wrap(InetAddress.getByName(ip).getAddress());
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(ip, e);
        }
    }
}
