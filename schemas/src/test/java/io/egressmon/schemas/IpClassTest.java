package io.egressmon.schemas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("Classifying addresses at the egress boundary")
class IpClassTest {
    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
            "10.0.0.0, INTERNAL", "10.255.255.255, INTERNAL", "9.255.255.255, PUBLIC", "11.0.0.0, PUBLIC",
            "172.16.0.0, INTERNAL", "172.31.255.255, INTERNAL", "172.15.255.255, PUBLIC", "172.32.0.0, PUBLIC",
            "192.168.0.0, INTERNAL", "192.168.255.255, INTERNAL", "192.167.255.255, PUBLIC", "192.169.0.0, PUBLIC",
            "100.64.0.0, CGNAT", "100.127.255.255, CGNAT", "100.63.255.255, PUBLIC", "100.128.0.0, PUBLIC",
            "23.185.0.3, PUBLIC", "0.0.0.0, PUBLIC", "255.255.255.255, PUBLIC"})
    @DisplayName("RFC1918 and CGNAT boundaries, and the public look-alikes just outside them")
    void boundaries(String ip, IpClass expected) {
        assertEquals(expected, IpClass.of(ip));
    }

    @Test
    @DisplayName("CIDR membership follows the prefix length")
    void cidr() {
        assertTrue(IpClass.inCidr("172.20.1.1", "172.16.0.0/12"));
        assertFalse(IpClass.inCidr("172.32.0.1", "172.16.0.0/12"));
        assertTrue(IpClass.inCidr("8.8.8.8", "0.0.0.0/0"));
        assertTrue(IpClass.inCidr("8.8.8.8", "8.8.8.8"));
        assertFalse(IpClass.inCidr("8.8.8.9", "8.8.8.8/32"));
    }

    @Test
    @DisplayName("an IPv6 address (a flow talker) is never CGNAT; an IPv4 one is when in 100.64.0.0/10")
    void cgnatOfIpv6() {
        assertFalse(IpClass.isCgnat("2001:4860:4860::8888"));
        assertFalse(IpClass.isCgnat("fd00:1::7"));
        assertTrue(IpClass.isCgnat("100.64.0.1"));
        assertFalse(IpClass.isCgnat("8.8.8.8"));
    }

    @Test
    @DisplayName("text that is not a dotted quad is refused with the text in the message")
    void garbage() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> IpClass.of("10.0.0.256"));
        assertTrue(e.getMessage().contains("10.0.0.256"));
        assertThrows(IllegalArgumentException.class, () -> IpClass.of("10.0.0"));
        assertThrows(IllegalArgumentException.class, () -> IpClass.of("a.b.c.d"));
        assertThrows(IllegalArgumentException.class, () -> IpClass.inCidr("10.0.0.1", "10.0.0.0/33"));
    }
}
