package io.egressmon.ingest.netflow;

import static io.egressmon.ingest.netflow.SflowDatagramBuilder.datagram;
import static io.egressmon.ingest.netflow.SflowDatagramBuilder.ifCounters;
import static io.egressmon.ingest.netflow.SflowDatagramBuilder.rawHeader;
import static io.egressmon.ingest.netflow.SflowDatagramBuilder.sampledIpv6;
import static io.egressmon.ingest.netflow.SflowFrames.ethernet;
import static io.egressmon.ingest.netflow.SflowFrames.icmp;
import static io.egressmon.ingest.netflow.SflowFrames.ip;
import static io.egressmon.ingest.netflow.SflowFrames.ipv4;
import static io.egressmon.ingest.netflow.SflowFrames.ipv6;
import static io.egressmon.ingest.netflow.SflowFrames.tcp;
import static io.egressmon.ingest.netflow.SflowFrames.udp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.egressmon.ingest.netflow.SflowFrames.Extension;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The sFlow decoder under fuzzing")
class SflowFuzzTest {
    private static final int DATAGRAMS = 120_000;
    private static final InetAddress EXPORTER = ip("192.0.2.1");

    /** Valid datagrams to cut and mutate: every sample, record and header kind the decoder reads. */
    private static final List<byte[]> SEEDS = List.of(
            datagram().flowSample(1, 4, 1, 2, rawHeader(ethernet(SflowFrames.IPV4,
                    ipv4("10.0.0.1", "10.0.0.2", 6, tcp(1, 2, 0x12, 40)), 5, 6))).build(),
            datagram().agent("2001:db8::1").subAgent(9).expandedFlowSample(0, 1, 100, 1, 2,
                    rawHeader(ethernet(SflowFrames.IPV6, ipv6("2001:db8::1", "2001:db8::2", 17, udp(1, 2, 3),
                            Extension.hopByHop(), Extension.fragment(0, true))))).build(),
            datagram().flowSample(1, 1, 0, 0, rawHeader(11, 80, 0, ipv4("10.0.0.1", "10.0.0.2", 1, icmp(8, 0, 20))),
                    sampledIpv6(100, 58, "2001:db8::1", "2001:db8::2", 0, 0, 0))
                    .counterSample(3, ifCounters(3, 1, 2, 3, 4, 5))
                    .expandedCounterSample(0, 4, ifCounters(4, 1, 2, 3, 4, 5)).build());

    @Test
    @DisplayName("never throws on random, truncated or mutated datagrams, and counts each as read or malformed")
    void neverThrows() {
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            Random random = new Random(20_240_501L);
            SflowDecoder decoder = new SflowDecoder(DecoderSettings.defaults());
            FlowSink sink = new FlowSink() {
                @Override
                public void flow(InetAddress exporter, Flow flow) {
                    assertTrue(flow.bytes() >= 0 && flow.samplingRate() >= 1);
                }

                @Override
                public void dropped(InetAddress exporter, Dropped reason, long count) {
                }
            };
            long decoded = 0;
            long malformed = 0;
            for (int i = 0; i < DATAGRAMS; i++) {
                byte[] datagram = fuzzed(random, i % 5);
                if (decoder.decode(EXPORTER, ByteBuffer.wrap(datagram), i, sink) == null) {
                    decoded++;
                } else {
                    malformed++;
                }
            }
            assertEquals(DATAGRAMS, decoded + malformed);
            assertTrue(decoded > 1000 && malformed > 1000, decoded + " read, " + malformed + " malformed");
        });
    }

    /**
     * Lengths that agree with each other around records of random contents and sizes, often the last
     * bytes of the datagram: reaches the checks a record's own format needs, which a flipped bit rarely does.
     */
    private static byte[] structured(Random random) {
        int[] flowRecords = {1, 3, 4, 1001, 2};
        byte[] body = new byte[random.nextInt(90)];
        random.nextBytes(body);
        if (body.length >= 16 && random.nextBoolean()) {
            ByteBuffer.wrap(body).putInt(0, new int[] {1, 11, 12}[random.nextInt(3)]).putInt(12, random.nextInt(body.length));
        }
        byte[] record = SflowDatagramBuilder.record(flowRecords[random.nextInt(flowRecords.length)], body);
        return switch (random.nextInt(5)) {
            case 4 -> datagram().sample(1 + random.nextInt(4), body).build();
            case 0 -> datagram().flowSample(random.nextInt(), random.nextInt(3), random.nextInt(), random.nextInt(), record).build();
            case 1 -> datagram().expandedFlowSample(random.nextInt(), random.nextInt(), random.nextInt(), random.nextInt(),
                    random.nextInt(), record).build();
            case 2 -> datagram().counterSample(random.nextInt(), SflowDatagramBuilder.record(1, body)).build();
            default -> datagram().expandedCounterSample(random.nextInt(), random.nextInt(), SflowDatagramBuilder.record(1, body)).build();
        };
    }

    private static byte[] fuzzed(Random random, int kind) {
        byte[] seed = SEEDS.get(random.nextInt(SEEDS.size()));
        return switch (kind) {
            case 0 -> { // noise behind a valid version, so it reaches past the first check
                byte[] noise = new byte[random.nextInt(300)];
                random.nextBytes(noise);
                if (noise.length >= 4) {
                    ByteBuffer.wrap(noise).putInt(0, 5);
                }
                yield noise;
            }
            case 1 -> Arrays.copyOf(seed, random.nextInt(seed.length + 1));
            case 2 -> { // a few bytes flipped
                byte[] copy = seed.clone();
                for (int n = 1 + random.nextInt(4); n > 0; n--) {
                    copy[4 + random.nextInt(copy.length - 4)] ^= (byte) (1 << random.nextInt(8));
                }
                yield copy;
            }
            case 3 -> structured(random);
            default -> { // a 32-bit field set to an edge value (a length, count, rate, type…)
                byte[] copy = seed.clone();
                int[] edges = {0, 1, 3, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFF, 0xFFFF, 0x3FFFFFFF, 12, 88};
                ByteBuffer.wrap(copy).putInt(4 * (1 + random.nextInt(copy.length / 4 - 1)), edges[random.nextInt(edges.length)]);
                yield copy;
            }
        };
    }
}
