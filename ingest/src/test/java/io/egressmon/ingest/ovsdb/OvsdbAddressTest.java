package io.egressmon.ingest.ovsdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("An OVSDB address")
class OvsdbAddressTest {

    @Test
    @DisplayName("unix:PATH is the socket at PATH, and prints back as written")
    void unix() {
        OvsdbAddress a = OvsdbAddress.parse("unix:/var/run/openvswitch/db.sock");
        assertEquals(new OvsdbAddress.Unix(Path.of("/var/run/openvswitch/db.sock")), a);
        assertEquals("unix:/var/run/openvswitch/db.sock", a.toString());
    }

    @Test
    @DisplayName("tcp:IPv4:PORT, tcp:NAME:PORT and tcp:[IPv6]:PORT give host and port")
    void tcp() {
        assertEquals(new OvsdbAddress.Tcp("192.0.2.7", 6640), OvsdbAddress.parse("tcp:192.0.2.7:6640"));
        assertEquals(new OvsdbAddress.Tcp("switch-1.example", 6641), OvsdbAddress.parse("tcp:switch-1.example:6641"));
        OvsdbAddress v6 = OvsdbAddress.parse("tcp:[2001:db8::1]:6640");
        assertEquals(new OvsdbAddress.Tcp("2001:db8::1", 6640), v6);
        assertEquals("tcp:[2001:db8::1]:6640", v6.toString());
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"", "/var/run/db.sock", "unix:", "tcp:host", "tcp::6640", "tcp:host:http",
        "tcp:host:0", "tcp:host:65536", "tcp:2001:db8::1:6640", "tcp:[2001:db8::1]", "tcp:[]:6640", "punix:/x"})
    @DisplayName("anything else is refused with a message that quotes the text")
    void refused(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OvsdbAddress.parse(text));
        assertTrue(e.getMessage().contains("'" + text + "'"), e.getMessage());
    }

    @Test
    @DisplayName("ssl: is refused as not supported, not as malformed")
    void ssl() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> OvsdbAddress.parse("ssl:192.0.2.7:6640"));
        assertTrue(e.getMessage().contains("not supported"), e.getMessage());
    }
}
