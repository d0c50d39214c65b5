package io.egressmon.ingest.ovsdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

@DisplayName("IPFIX settings")
class IpfixSettingsTest {
    private static final List<String> TARGET = List.of("127.0.0.1:4739");

    @Test
    @DisplayName("accept the extremes of the vswitch schema's ranges")
    void extremes() {
        IpfixSettings low = new IpfixSettings(TARGET, 1, 0, OptionalLong.of(0), 0, 0);
        IpfixSettings high = new IpfixSettings(List.of("[2001:db8::1]:65535", "collector.example:1"),
            4_294_967_295L, 4_294_967_295L, OptionalLong.of(4_294_967_295L), 4_200, 4_294_967_295L);
        assertEquals(1, low.sampling());
        assertEquals(4_200, high.cacheActiveTimeout());
    }

    @Test
    @DisplayName("refuse each value out of range with a message that names the setting and the value")
    void outOfRange() {
        assertRefused("sampling", () -> IpfixSettings.of(TARGET, 0, 1, 2, 10));
        assertRefused("obs domain id", () -> IpfixSettings.of(TARGET, 1, 4_294_967_296L, 2, 10));
        assertRefused("obs domain id", () -> IpfixSettings.of(TARGET, 1, -1, 2, 10));
        assertRefused("obs point id", () -> new IpfixSettings(TARGET, 1, 1, OptionalLong.of(-5), 2, 10));
        assertRefused("cache active timeout", () -> IpfixSettings.of(TARGET, 1, 1, 4_201, 10));
        assertRefused("cache max flows", () -> IpfixSettings.of(TARGET, 1, 1, 2, -1));
    }

    @Test
    @DisplayName("refuse no targets, and targets that are not HOST:PORT with a bracketed IPv6 host")
    void targets() {
        assertRefused("at least one target", () -> IpfixSettings.of(List.of(), 1, 1, 2, 10));
        for (String bad : List.of("127.0.0.1", "127.0.0.1:", ":4739", "2001:db8::1:4739", "[]:4739",
            "127.0.0.1:0", "127.0.0.1:65536", "127.0.0.1:ipfix")) {
            assertRefused("'" + bad + "'", () -> IpfixSettings.of(List.of(bad), 1, 1, 2, 10));
        }
    }

    @Test
    @DisplayName("keep their own copy of the targets")
    void targetsCopied() {
        List<String> targets = new java.util.ArrayList<>(TARGET);
        IpfixSettings s = IpfixSettings.of(targets, 1, 1, 2, 10);
        targets.add("127.0.0.1:1");
        assertEquals(TARGET, s.targets());
    }

    private static void assertRefused(String mentioned, Executable build) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, build);
        assertTrue(e.getMessage().contains(mentioned), "'" + e.getMessage() + "' should mention " + mentioned);
    }
}
