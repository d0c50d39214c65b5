package io.egressmon.ingest.netflow;

import static io.egressmon.ingest.netflow.ExportBuilder.VARIABLE;
import static io.egressmon.ingest.netflow.ExportBuilder.ef;
import static io.egressmon.ingest.netflow.ExportBuilder.f;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The NetFlow/IPFIX decoder under fuzzing")
class NetflowFuzzTest {
    static final long SEED = 0x5EED_F10FL;
    static final int DATAGRAMS = 150_000;
    static final int HOLD_LIMIT = 64;
    static final InetAddress[] EXPORTERS = {IpfixDecoderTest.ip("192.0.2.1"), IpfixDecoderTest.ip("192.0.2.2"),
            IpfixDecoderTest.ip("2001:db8::99")};

    /** The real captures and a few built datagrams with variable-length, enterprise and options fields. */
    static List<byte[]> seeds() {
        List<byte[]> seeds = new ArrayList<>(Fixtures.all());
        long secs = IpfixDecoderTest.EXPORT_SECS;
        seeds.add(bytes(ExportBuilder.ipfix(secs, 1).template(256, f(8, 4), f(82, VARIABLE), f(12, 4), ef(5, 4, 6876), f(1, 8),
                        f(61, 1), f(158, 4), f(159, 4))
                .data(256, r -> r.ipv4("10.0.0.1").variable("eth0".getBytes(), false).ipv4("10.0.0.2").u32(1).u64(1000).u8(0)
                        .u32(5000).u32(10), r -> r.ipv4("10.0.0.3").variable(new byte[20], true).ipv4("10.0.0.4").u32(1)
                        .u64(10).u8(1).u32(5).u32(1)).build()));
        seeds.add(bytes(ExportBuilder.ipfix(secs, 1).optionsTemplate(300, 1, f(144, 4), f(48, 1), f(49, 1), f(50, 4), f(160, 8))
                .data(300, r -> r.u32(0).u8(1).u8(2).u32(10).u64(secs * 1000 - 5000))
                .template(257, f(27, 16), f(28, 16), f(2, 4), f(1, 4), f(48, 1), f(22, 4), f(21, 4), f(139, 2), f(4, 1))
                .data(257, r -> r.ipv6("2001:db8::1").ipv6("2001:db8::2").u32(3).u32(300).u8(1).u32(10).u32(20).u16(0x8000).u8(58))
                .withdraw(257, false).withdraw(3, true).build()));
        seeds.add(bytes(ExportBuilder.v9(100_000, secs, 4).optionsTemplate(257, 1, f(1, 4), f(34, 4), f(35, 1))
                .data(257, r -> r.u32(0).u32(4).u8(1).u8(0).u16(0))
                .template(256, f(8, 4), f(12, 4), f(1, 4), f(2, 4), f(22, 4), f(21, 4), f(32, 2), f(4, 1))
                .data(256, r -> r.ipv4("10.0.0.1").ipv4("10.0.0.2").u32(84).u32(1).u32(99_000).u32(99_500).u16(0x0800).u8(1))
                .build()));
        return seeds;
    }

    static byte[] bytes(ByteBuffer b) {
        return Arrays.copyOfRange(b.array(), b.position(), b.limit());
    }

    /** One seed, then: truncated, bits flipped, bytes overwritten, a chunk spliced from another, or random bytes. */
    static byte[] mutate(Random random, List<byte[]> seeds) {
        byte[] d = seeds.get(random.nextInt(seeds.size())).clone();
        switch (random.nextInt(6)) {
            case 0 -> d = Arrays.copyOf(d, random.nextInt(d.length + 1));
            case 1 -> {
                for (int i = 1 + random.nextInt(8); i > 0; i--) {
                    d[random.nextInt(d.length)] ^= (byte) (1 << random.nextInt(8));
                }
            }
            case 2 -> {
                for (int i = 1 + random.nextInt(4); i > 0; i--) {
                    d[random.nextInt(d.length)] = (byte) random.nextInt(256);
                }
            }
            case 3 -> {
                byte[] other = seeds.get(random.nextInt(seeds.size()));
                int from = random.nextInt(other.length);
                int at = random.nextInt(d.length);
                System.arraycopy(other, from, d, at, Math.min(other.length - from, d.length - at));
            }
            case 4 -> {
                int at = 2 + random.nextInt(Math.max(1, d.length - 2)); // a length or count field's neighbourhood
                if (at + 1 < d.length) {
                    d[at] = (byte) (random.nextBoolean() ? 0xFF : 0);
                    d[at + 1] = (byte) random.nextInt(256);
                }
            }
            default -> {
                d = new byte[random.nextInt(200)];
                random.nextBytes(d);
                if (d.length >= 2) {
                    d[0] = 0;
                    d[1] = (byte) new int[] {5, 9, 10}[random.nextInt(3)];
                }
            }
        }
        return d;
    }

    @Test
    @DisplayName("150 000 mutated datagrams: decode never throws, each is decoded or malformed, held sets stay bounded")
    void fuzz() {
        NetflowDecoder decoder = new NetflowDecoder(new DecoderSettings(Map.of(), 1, Duration.ofSeconds(30), HOLD_LIMIT, EgressCopies.AUTO));
        CollectingSink sink = new CollectingSink() {
            @Override
            public void flow(InetAddress exporter, Flow flow) {
                // Flow's constructor checked its invariants; keeping 150 000 datagrams' flows is not needed
            }
        };
        Random random = new Random(SEED);
        List<byte[]> seeds = seeds();
        long decoded = 0;
        Map<Malformed, Long> malformed = new EnumMap<>(Malformed.class);
        long now = IpfixDecoderTest.EXPORT_MS;
        int maxHeld = 0;
        for (int i = 0; i < DATAGRAMS; i++) {
            now += random.nextInt(50);
            Malformed m = decoder.decode(EXPORTERS[random.nextInt(EXPORTERS.length)], ByteBuffer.wrap(mutate(random, seeds)), now, sink);
            if (m == null) {
                decoded++;
            } else {
                malformed.merge(m, 1L, Long::sum);
            }
            maxHeld = Math.max(maxHeld, decoder.heldSets());
        }
        long malformedCount = malformed.values().stream().mapToLong(Long::longValue).sum();
        assertEquals(DATAGRAMS, decoded + malformedCount);
        assertEquals(0, decoder.unexpectedFailures(), "exceptions caught inside decode");
        assertTrue(maxHeld <= HOLD_LIMIT * EXPORTERS.length, "held " + maxHeld);
        assertTrue(decoded > DATAGRAMS / 10 && malformedCount > DATAGRAMS / 10, decoded + " decoded, " + malformed);
        System.out.println("fuzz: " + decoded + " decoded, malformed " + malformed + ", dropped " + sink.dropped
                + ", max held " + maxHeld + ", templates " + decoder.templates());
    }
}
