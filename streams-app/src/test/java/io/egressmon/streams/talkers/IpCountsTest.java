package io.egressmon.streams.talkers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A table's counts by IP")
class IpCountsTest {

    @Test
    @DisplayName("reads an IPv4 address only from its canonical text, so one text is always one key")
    void canonicalIpv4() {
        assertEquals(0x0A000001L, IpCounts.ipv4("10.0.0.1"));
        assertEquals(0L, IpCounts.ipv4("0.0.0.0"));
        assertEquals(0xFFFFFFFFL, IpCounts.ipv4("255.255.255.255"));
        for (String other : List.of("010.0.0.1", "10.0.0.01", "256.0.0.1", "10.0.0", "10.0.0.1.", "10.0.0.1 ", " 10.0.0.1",
                "1.2.3.4.5", "10..0.1", "2001:db8::1", "a.b.c.d", "+1.2.3.4", "1.2.3.1000")) {
            assertEquals(-1, IpCounts.ipv4(other), other);
        }
    }

    @Test
    @DisplayName("writes an address's canonical text without a String, for every octet width")
    void ipv4Text() {
        byte[] out = new byte[15];
        for (String ip : List.of("0.0.0.0", "9.10.99.100", "255.255.255.255", "100.64.7.7", "1.2.3.4")) {
            IpCounts counts = new IpCounts();
            int slot = counts.slotOf(ip);
            assertTrue(counts.isIpv4(slot));
            assertEquals(ip, new String(out, 0, counts.ipv4Text(slot, out), StandardCharsets.US_ASCII));
            assertEquals(ip, counts.ip(slot));
        }
    }

    @Test
    @DisplayName("keeps addresses and other texts apart and finds each after growing: 010.0.0.1 is not 10.0.0.1")
    void mixedKeys() {
        IpCounts counts = new IpCounts();
        Map<String, Long> truth = new HashMap<>();
        Random random = new Random(3);
        for (int i = 0; i < 5_000; i++) {
            String ip = switch (i % 4) {
                case 0 -> "2001:db8::" + Integer.toHexString(random.nextInt(500));
                case 1 -> "0" + random.nextInt(10) + ".0.0.1";
                default -> random.nextInt(256) + "." + random.nextInt(4) + ".0." + random.nextInt(256);
            };
            long bytes = random.nextInt(1000);
            counts.addBytes(counts.slotOf(ip), bytes);
            truth.merge(ip, bytes, Long::sum);
        }
        assertEquals(truth.size(), counts.size());
        truth.forEach((ip, bytes) -> assertEquals(bytes, counts.bytes(counts.find(ip)), ip));
        assertEquals(-1, counts.find("10.0.0.1"), "only 010.0.0.1 and its kind were added");
        assertEquals(-1, counts.find("2001:db8::fffff"));
    }

    @Test
    @DisplayName("retains the chosen entries with their counts; a copy does not change with the original")
    void retainAndCopy() {
        IpCounts counts = new IpCounts();
        for (int i = 0; i < 100; i++) {
            int slot = counts.slotOf("192.0.2." + i);
            counts.addBytes(slot, i);
            counts.addError(slot, i / 2);
            counts.addPackets(slot, i % 3);
        }
        counts.addBytes(counts.slotOf("fe80::1"), 1_000);
        IpCounts copy = counts.copy();
        assertTrue(copy.sameAs(counts));
        counts.retain(slot -> counts.bytes(slot) >= 90);
        assertEquals(11, counts.size());
        assertEquals(1_000, counts.bytes(counts.find("fe80::1")));
        int kept = counts.find("192.0.2.95");
        assertEquals(List.of(95L, 47L, 2L), List.of(counts.bytes(kept), counts.error(kept), counts.packets(kept)));
        assertEquals(-1, counts.find("192.0.2.89"));
        assertEquals(101, copy.size());
        assertFalse(copy.sameAs(counts));
        assertEquals(89, copy.bytes(copy.find("192.0.2.89")));
    }
}
