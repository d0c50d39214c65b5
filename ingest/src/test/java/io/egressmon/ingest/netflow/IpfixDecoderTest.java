package io.egressmon.ingest.netflow;

import static io.egressmon.ingest.netflow.ExportBuilder.VARIABLE;
import static io.egressmon.ingest.netflow.ExportBuilder.ef;
import static io.egressmon.ingest.netflow.ExportBuilder.f;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.egressmon.ingest.netflow.ExportBuilder.Bytes;
import io.egressmon.ingest.netflow.ExportBuilder.Field;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The IPFIX decoder")
class IpfixDecoderTest {
    static final InetAddress EXPORTER = ip("192.0.2.1");
    static final long EXPORT_SECS = 1_767_225_600L; // 2026-01-01T00:00:00Z
    static final long EXPORT_MS = EXPORT_SECS * 1000;
    static final long DOMAIN = 7;
    /** Addresses, ports, protocol, octetDeltaCount, packetDeltaCount: a flow and nothing else. */
    static final Field[] BASIC = {f(8, 4), f(12, 4), f(7, 2), f(11, 2), f(4, 1), f(1, 4), f(2, 4)};

    private NetflowDecoder decoder = new NetflowDecoder(DecoderSettings.defaults());
    private final CollectingSink sink = new CollectingSink();

    static Consumer<Bytes> basic(String src, String dst, long bytes, long packets) {
        return r -> r.ipv4(src).ipv4(dst).u16(40000).u16(443).u8(6).u32(bytes).u32(packets);
    }

    static ExportBuilder export() {
        return ExportBuilder.ipfix(EXPORT_SECS, DOMAIN);
    }

    Malformed decode(ByteBuffer datagram, long receivedAtMs) {
        return decoder.decode(EXPORTER, datagram, receivedAtMs, sink);
    }

    Malformed decode(ByteBuffer datagram) {
        return decode(datagram, EXPORT_MS);
    }

    void settings(DecoderSettings settings) {
        decoder = new NetflowDecoder(settings);
    }

    @Test
    @DisplayName("reads a flow from a template and a data set in one message")
    void basicFlow() {
        assertNull(decode(export().template(256, BASIC).data(256, basic("10.0.0.1", "10.0.0.2", 1500, 3)).build()));
        assertEquals(new Flow(ExportProtocol.IPFIX, DOMAIN, ip("10.0.0.1"), ip("10.0.0.2"), 40000, 443, 6, 1500, 3, 1,
                EXPORT_MS, EXPORT_MS, ObservedDirection.UNKNOWN, 0, 0, 0), sink.only());
    }

    @Test
    @DisplayName("holds a data set that came before its template and reads it when the template comes")
    void lateTemplate() {
        assertNull(decode(export().data(256, basic("10.0.0.1", "10.0.0.2", 100, 1), basic("10.0.0.3", "10.0.0.2", 200, 2)).build()));
        assertEquals(0, sink.flows.size());
        assertEquals(1, decoder.heldSets());
        assertNull(decode(export().template(256, BASIC).build(), EXPORT_MS + 5_000));
        assertEquals(300, sink.bytes());
        assertEquals(0, decoder.heldSets());
        assertEquals(0, sink.dropped(Dropped.NO_TEMPLATE));
    }

    @Test
    @DisplayName("counts a held set NO_TEMPLATE once the hold time has passed without its template")
    void heldSetExpires() {
        settings(new DecoderSettings(Map.of(), 1, Duration.ofSeconds(30), 16, EgressCopies.AUTO));
        decode(export().data(256, basic("10.0.0.1", "10.0.0.2", 100, 1)).build(), EXPORT_MS);
        decode(export().template(999, BASIC).build(), EXPORT_MS + 31_000);
        assertEquals(1, sink.dropped(Dropped.NO_TEMPLATE));
        assertEquals(0, decoder.heldSets());
        decode(export().template(256, BASIC).build(), EXPORT_MS + 32_000);
        assertEquals(0, sink.flows.size());
    }

    @Test
    @DisplayName("pushes the oldest held set out when an exporter's hold is full, counting it NO_TEMPLATE")
    void holdLimit() {
        settings(new DecoderSettings(Map.of(), 1, Duration.ofMinutes(10), 2, EgressCopies.AUTO));
        for (int i = 1; i <= 3; i++) {
            decode(export().data(256, basic("10.0.0." + i, "10.0.0.99", 100 * i, 1)).build());
        }
        assertEquals(1, sink.dropped(Dropped.NO_TEMPLATE));
        assertEquals(2, decoder.heldSets());
        decode(export().template(256, BASIC).build());
        assertEquals(500, sink.bytes(), "the second and third sets");
    }

    @Test
    @DisplayName("a template id redefined with another layout reads the records after it with the new layout")
    void templateRedefined() {
        decode(export().template(256, BASIC).data(256, basic("10.0.0.1", "10.0.0.2", 100, 1)).build());
        decode(export().template(256, f(1, 8), f(8, 4), f(12, 4))
                .data(256, r -> r.u64(5000).ipv4("10.0.0.3").ipv4("10.0.0.4")).build());
        assertEquals(2, sink.flows.size());
        assertEquals(ip("10.0.0.3"), sink.flows.get(1).srcAddr());
        assertEquals(5000, sink.flows.get(1).bytes());
    }

    @Test
    @DisplayName("a withdrawn template no longer reads data: the sets that follow wait for a new one")
    void withdrawal() {
        decode(export().template(256, BASIC).build());
        decode(export().withdraw(256, false).data(256, basic("10.0.0.1", "10.0.0.2", 100, 1)).build());
        assertEquals(0, sink.flows.size());
        assertEquals(1, decoder.heldSets());
    }

    @Test
    @DisplayName("withdraw-all (template id 2, no fields) removes every template of the domain, not another domain's")
    void withdrawAll() {
        decode(export().template(256, BASIC).template(257, BASIC).build());
        decode(ExportBuilder.ipfix(EXPORT_SECS, 8).template(256, BASIC).build());
        decode(export().withdraw(2, false).build());
        assertEquals(1, decoder.templates());
        decode(ExportBuilder.ipfix(EXPORT_SECS, 8).data(256, basic("10.0.0.1", "10.0.0.2", 100, 1)).build());
        assertEquals(1, sink.flows.size());
    }

    @Test
    @DisplayName("templates belong to their observation domain: the same id elsewhere is another template")
    void perDomain() {
        decode(export().template(256, BASIC).build());
        decode(ExportBuilder.ipfix(EXPORT_SECS, 8).data(256, basic("10.0.0.1", "10.0.0.2", 100, 1)).build());
        assertEquals(0, sink.flows.size());
        assertEquals(1, decoder.heldSets());
    }

    @Test
    @DisplayName("reads IPv6 addresses (IE 27/28)")
    void ipv6() {
        decode(export().template(256, f(27, 16), f(28, 16), f(1, 4))
                .data(256, r -> r.ipv6("2001:db8::1").ipv6("2001:db8::2").u32(100)).build());
        assertEquals(ip("2001:db8::1"), sink.only().srcAddr());
        assertEquals(ip("2001:db8::2"), sink.only().dstAddr());
    }

    @Test
    @DisplayName("steps over variable-length fields in both forms: one length byte, and 255 then two length bytes")
    void variableLength() {
        decode(export().template(256, f(8, 4), f(82, VARIABLE), f(12, 4), f(83, VARIABLE), f(1, 4))
                .data(256, r -> r.ipv4("10.0.0.1").variable("eth0".getBytes(), false).ipv4("10.0.0.2")
                                .variable(new byte[300], true).u32(1234),
                        r -> r.ipv4("10.0.0.3").variable(new byte[0], false).ipv4("10.0.0.4")
                                .variable("x".getBytes(), true).u32(5)).build());
        assertEquals(2, sink.flows.size());
        assertEquals(1234, sink.flows.get(0).bytes());
        assertEquals(ip("10.0.0.4"), sink.flows.get(1).dstAddr());
    }

    @Test
    @DisplayName("skips enterprise fields (bit 15 and a 4-byte enterprise number), fixed or variable, even with a known IE's number")
    void enterpriseFields() {
        decode(export().template(256, f(8, 4), ef(1, 8, 6876), f(12, 4), ef(893, VARIABLE, 29305), f(1, 4))
                .data(256, r -> r.ipv4("10.0.0.1").u64(999_999).ipv4("10.0.0.2").variable("tun".getBytes(), false).u32(77))
                .build());
        assertEquals(77, sink.only().bytes());
    }

    @Test
    @DisplayName("reads 8-byte counters")
    void eightByteCounters() {
        decode(export().template(256, f(8, 4), f(12, 4), f(1, 8), f(2, 8))
                .data(256, r -> r.ipv4("10.0.0.1").ipv4("10.0.0.2").u64(10_000_000_000L).u64(7_000_000)).build());
        assertEquals(10_000_000_000L, sink.only().bytes());
        assertEquals(7_000_000, sink.only().packets());
    }

    @Test
    @DisplayName("reads counters in any size from 1 to 8 bytes (reduced-size encoding)")
    void reducedSizeCounters() {
        decode(export().template(256, f(8, 4), f(12, 4), f(1, 3), f(2, 1))
                .data(256, r -> r.ipv4("10.0.0.1").ipv4("10.0.0.2").uint(0x123456, 3).u8(200)).build());
        assertEquals(0x123456, sink.only().bytes());
        assertEquals(200, sink.only().packets());
    }

    @Test
    @DisplayName("falls back to total counts (IE 85/86) only when delta counts are absent")
    void totalCounts() {
        decode(export().template(256, f(8, 4), f(12, 4), f(85, 8), f(86, 8))
                .data(256, r -> r.ipv4("10.0.0.1").ipv4("10.0.0.2").u64(900).u64(9))
                .template(257, f(8, 4), f(12, 4), f(85, 8), f(1, 8))
                .data(257, r -> r.ipv4("10.0.0.1").ipv4("10.0.0.2").u64(900).u64(100)).build());
        assertEquals(900, sink.flows.get(0).bytes());
        assertEquals(9, sink.flows.get(0).packets());
        assertEquals(100, sink.flows.get(1).bytes());
    }

    @Test
    @DisplayName("puts ICMP type and code (IE 32, IE 139 for ICMPv6) in the destination port")
    void icmp() {
        decode(export().template(256, f(8, 4), f(12, 4), f(4, 1), f(32, 2), f(1, 4))
                .data(256, r -> r.ipv4("10.0.0.1").ipv4("10.0.0.2").u8(1).u16(0x0800).u32(84))
                .template(257, f(27, 16), f(28, 16), f(4, 1), f(139, 2), f(1, 4))
                .data(257, r -> r.ipv6("2001:db8::1").ipv6("2001:db8::2").u8(58).u16(0x8000).u32(104)).build());
        assertEquals(0x0800, sink.flows.get(0).dstPort());
        assertEquals(0x8000, sink.flows.get(1).dstPort());
    }

    @Test
    @DisplayName("puts ICMP type and code sent apart (IE 176/177, 178/179, as Open vSwitch does) in the destination port")
    void icmpTypeAndCodeApart() {
        decode(export().template(256, f(8, 4), f(12, 4), f(4, 1), f(176, 1), f(177, 1), f(1, 4))
                .data(256, r -> r.ipv4("10.0.0.1").ipv4("10.0.0.2").u8(1).u8(3).u8(1).u32(84)).build());
        assertEquals(3 << 8 | 1, sink.only().dstPort());
    }

    @Test
    @DisplayName("drops records marked egress (IE 61 = 1) as EGRESS_COPY from Open vSwitch (VMware's elements in its templates), keeping the ingress ones")
    void egressCopies() {
        decode(export().template(256, f(8, 4), f(12, 4), f(1, 4), f(61, 1), ef(891, 4, 6876))
                .data(256, r -> r.ipv4("10.0.0.1").ipv4("10.0.0.2").u32(100).u8(0).u32(7),
                        r -> r.ipv4("10.0.0.1").ipv4("10.0.0.2").u32(100).u8(1).u32(7)).build());
        assertEquals(ObservedDirection.INGRESS, sink.only().direction());
        assertEquals(1, sink.dropped(Dropped.EGRESS_COPY));
    }

    @Test
    @DisplayName("keeps records marked egress from other exporters: softflowd marks a conversation's reverse half so")
    void egressRecordsOfOtherExporters() {
        decode(export().template(256, f(8, 4), f(12, 4), f(1, 4), f(61, 1))
                .data(256, r -> r.ipv4("10.0.0.1").ipv4("10.0.0.2").u32(100).u8(0),
                        r -> r.ipv4("10.0.0.2").ipv4("10.0.0.1").u32(60).u8(1)).build());
        assertEquals(2, sink.flows.size());
        assertEquals(0, sink.dropped(Dropped.EGRESS_COPY));
    }

    @Test
    @DisplayName("drops every record marked egress when told to")
    void egressCopiesDropped() {
        settings(new DecoderSettings(Map.of(), 1, Duration.ofMinutes(10), 16, EgressCopies.DROP));
        decode(export().template(256, f(8, 4), f(12, 4), f(1, 4), f(61, 1))
                .data(256, r -> r.ipv4("10.0.0.2").ipv4("10.0.0.1").u32(60).u8(1)).build());
        assertEquals(0, sink.flows.size());
        assertEquals(1, sink.dropped(Dropped.EGRESS_COPY));
    }

    @Test
    @DisplayName("counts Open vSwitch's egress records too when told to, with their direction")
    void egressCopiesCounted() {
        settings(new DecoderSettings(Map.of(), 1, Duration.ofMinutes(10), 16, EgressCopies.COUNT));
        decode(export().template(256, f(8, 4), f(12, 4), f(1, 4), f(61, 1), ef(891, 4, 6876))
                .data(256, r -> r.ipv4("10.0.0.1").ipv4("10.0.0.2").u32(100).u8(1).u32(7)).build());
        assertEquals(ObservedDirection.EGRESS, sink.only().direction());
        assertEquals(0, sink.dropped(Dropped.EGRESS_COPY));
    }

    @Test
    @DisplayName("drops records without both addresses or without a byte count as NOT_A_FLOW")
    void notAFlow() {
        assertNull(decode(export().template(256, f(8, 4), f(1, 4)).data(256, r -> r.ipv4("10.0.0.1").u32(5))
                .template(257, f(8, 4), f(12, 4), f(2, 4)).data(257, r -> r.ipv4("10.0.0.1").ipv4("10.0.0.2").u32(5))
                .build()));
        assertEquals(0, sink.flows.size());
        assertEquals(2, sink.dropped(Dropped.NOT_A_FLOW));
    }

    @Test
    @DisplayName("skips sets with reserved ids (0, 1, 4–255)")
    void reservedSets() {
        assertNull(decode(export().rawSet(4, new byte[8]).template(256, BASIC)
                .data(256, basic("10.0.0.1", "10.0.0.2", 1, 1)).build()));
        assertEquals(1, sink.flows.size());
    }

    @Test
    @DisplayName("a message length that is not the datagram's is BAD_LENGTH")
    void badLength() {
        ByteBuffer b = export().template(256, BASIC).build();
        b.putShort(2, (short) (b.limit() + 1));
        assertEquals(Malformed.BAD_LENGTH, decode(b));
    }

    @Test
    @DisplayName("a set under 4 bytes long is BAD_SET; one running past the message is TRUNCATED")
    void badSets() {
        ByteBuffer b = export().template(256, BASIC).build();
        b.putShort(18, (short) 3);
        assertEquals(Malformed.BAD_SET, decode(b));
        b.putShort(18, (short) 400);
        assertEquals(Malformed.TRUNCATED, decode(b));
    }

    @Test
    @DisplayName("a template with a zero-length field, or an options template without scope, is BAD_TEMPLATE")
    void badTemplates() {
        assertEquals(Malformed.BAD_TEMPLATE, decode(export().template(256, f(8, 4), f(12, 0)).build()));
        assertEquals(Malformed.BAD_TEMPLATE, decode(export().optionsTemplate(300, 0, f(34, 4)).build()));
    }

    @Test
    @DisplayName("an address of the wrong length is BAD_RECORD, after the records before it were handed on")
    void badRecord() {
        assertEquals(Malformed.BAD_RECORD, decode(export().template(256, f(8, 4), f(12, 4), f(1, 4)).template(257, f(8, 16), f(12, 4), f(1, 4))
                .data(256, r -> r.ipv4("10.0.0.1").ipv4("10.0.0.2").u32(5))
                .data(257, r -> r.bytes(new byte[16]).ipv4("10.0.0.2").u32(5)).build()));
        assertEquals(1, sink.flows.size());
    }

    @Test
    @DisplayName("a record cut short inside a variable-length field is TRUNCATED")
    void truncatedVariable() {
        assertEquals(Malformed.TRUNCATED, decode(export().template(256, f(8, 4), f(12, 4), f(1, 4), f(82, VARIABLE))
                .data(256, r -> r.ipv4("10.0.0.1").ipv4("10.0.0.2").u32(5).u8(200).bytes(new byte[10])).build()));
    }

    static InetAddress ip(String address) {
        try {
            return InetAddress.getByName(address);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
