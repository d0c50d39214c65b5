package io.egressmon.copilot.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SpikeTest {
    private static final Instant ANCHOR = Instant.parse("2026-03-14T12:00:00Z");
    private static final String SPOKE = "accounting-aws-spoke-dev";
    private static final long RATE = 1_000_000;
    /** Deliberately not on whole minutes: the counters still carry the spike to the byte. */
    private static final Instant FROM = ANCHOR.minus(Duration.ofHours(3)).plusSeconds(17);
    private static final Instant TO = ANCHOR.minus(Duration.ofHours(1)).minusSeconds(29);
    private static final long SPIKE_BYTES = RATE * Duration.between(FROM, TO).toSeconds();

    private final Estate plain = Estate.create(ANCHOR, 42, 3);
    private final Estate spiked = Estate.create(ANCHOR, 42, 3, List.of(new Spike(SPOKE, FROM, TO, RATE)));

    @Test
    @DisplayName("the ground truth over a period holding the spike has exactly its bytes more eth0 transmit and egress, on that spoke only")
    void groundTruth() {
        Instant from = ANCHOR.minus(Duration.ofHours(6));
        GroundTruth before = plain.truth(from, ANCHOR, ANCHOR);
        GroundTruth after = spiked.truth(from, ANCHOR, ANCHOR);
        GatewayTruth a = before.gateway(SPOKE);
        GatewayTruth b = after.gateway(SPOKE);
        assertEquals(SPIKE_BYTES, b.eth0TxBytes() - a.eth0TxBytes());
        assertEquals(SPIKE_BYTES, b.egressTxBytes() - a.egressTxBytes(), "internet egress, not tunnel traffic");
        assertEquals(a.eth0RxBytes(), b.eth0RxBytes());
        assertEquals(a.tunnelTxBytes(), b.tunnelTxBytes());
        for (GatewayTruth other : before.gateways().values()) {
            if (!other.gateway().equals(SPOKE)) {
                assertEquals(other, after.gateway(other.gateway()), other.gateway());
            }
        }
    }

    @Test
    @DisplayName("the eth0 counter grows by exactly the spike's bytes inside it, and not at all more outside it")
    void counters() {
        Instant start = ANCHOR.minus(Duration.ofHours(3)); // the minute before the spike starts
        Instant middle = ANCHOR.minus(Duration.ofHours(2));
        Instant end = ANCHOR.minus(Duration.ofHours(1)); // the minute after it ends
        assertEquals(0, extra(start), "nothing before the spike");
        assertEquals(RATE * Duration.between(FROM, middle).toSeconds(), extra(middle));
        assertEquals(SPIKE_BYTES, extra(end));
        assertEquals(SPIKE_BYTES, extra(ANCHOR), "nothing more after it");
        assertEquals(plain.reading(SPOKE, "eth0", middle).orElseThrow().rxBytes(),
                spiked.reading(SPOKE, "eth0", middle).orElseThrow().rxBytes(), "received bytes unchanged");
    }

    @Test
    @DisplayName("the performance API's eth0 range over the spike's hours is wider by exactly the spike")
    void performance() {
        Instant from = ANCHOR.minus(Duration.ofHours(4));
        long plainTx = plain.performance(SPOKE, from, ANCHOR, ANCHOR).get("eth0").txBytes().max()
                - plain.performance(SPOKE, from, ANCHOR, ANCHOR).get("eth0").txBytes().min();
        long spikedTx = spiked.performance(SPOKE, from, ANCHOR, ANCHOR).get("eth0").txBytes().max()
                - spiked.performance(SPOKE, from, ANCHOR, ANCHOR).get("eth0").txBytes().min();
        assertEquals(SPIKE_BYTES, spikedTx - plainTx);
    }

    private long extra(Instant at) {
        return spiked.reading(SPOKE, "eth0", at).orElseThrow().txBytes() - plain.reading(SPOKE, "eth0", at).orElseThrow().txBytes();
    }

    @Test
    @DisplayName("--spike reads GATEWAY,FROM,TO,RATE with instants or now±duration, and says what is wrong")
    void parse() {
        Instant now = Instant.parse("2026-03-14T12:34:00Z");
        assertEquals(new Spike(SPOKE, now.minus(Duration.ofHours(2)), now.plus(Duration.ofMinutes(30)), 5_000_000),
                Spike.parse(SPOKE + ",now-2h,now+30m,5000000", now));
        assertEquals(new Spike(SPOKE, Instant.parse("2026-03-01T00:00:00Z"), now, 1),
                Spike.parse(SPOKE + ", 2026-03-01T00:00:00Z, now, 1", now));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Spike.parse(SPOKE + ",now,now-1h,5", now))
                .getMessage().contains("end after it starts"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Spike.parse(SPOKE + ",now,now+1h", now))
                .getMessage().contains("GATEWAY,FROM,TO,BYTES_PER_SECOND"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Spike.parse(SPOKE + ",yesterday,now,5", now))
                .getMessage().contains("ISO-8601"));
    }

    @Test
    @DisplayName("a spike on a gateway that is not a spoke of the estate is refused")
    void unknownSpoke() {
        assertThrows(IllegalArgumentException.class,
                () -> Estate.create(ANCHOR, 42, 0, List.of(new Spike("transit-aws-us-east-1", FROM, TO, RATE))));
        assertThrows(IllegalArgumentException.class,
                () -> Estate.create(ANCHOR, 42, 0, List.of(new Spike("no-such-spoke", FROM, TO, RATE))));
    }
}
