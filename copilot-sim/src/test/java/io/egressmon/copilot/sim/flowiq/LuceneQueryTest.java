package io.egressmon.copilot.sim.flowiq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("A FlowIQ query string")
class LuceneQueryTest {

    private static FlowRecord flow(String src, String dst) {
        return new FlowRecord(src, dst, "gw-a", 40000, 443, 6);
    }

    private static FlowRecord flow(String src, String dst, String gateway) {
        return new FlowRecord(src, dst, gateway, 40000, 443, 6);
    }

    private static boolean matches(String query, FlowRecord record) {
        return LuceneQuery.parse(query).matches(record);
    }

    @Nested
    @DisplayName("the original script's egress filters")
    class OriginalFilters {

        @ParameterizedTest(name = "{0} -> {1}: outbound {2}, inbound {3}")
        @CsvSource({
                "10.2.2.100,      23.185.0.3,      true,  false",
                "172.31.255.9,    100.128.0.1,     true,  false",
                "192.168.0.5,     172.32.0.1,      true,  false",
                "10.1.1.1,        192.169.0.1,     true,  false",
                "10.1.1.1,        100.63.255.254,  true,  false",
                "10.1.1.1,        172.15.255.254,  true,  false",
                "23.185.0.3,      10.2.2.100,      false, true",
                "192.169.0.1,     192.168.255.1,   false, true",
                "100.128.0.1,     172.16.0.1,      false, true",
                "10.2.2.100,      10.1.5.46,       false, false",
                "172.16.0.1,      192.168.0.1,     false, false",
                "10.2.2.100,      100.64.0.1,      false, false",
                "10.2.2.100,      100.127.255.254, false, false",
                "100.100.100.100, 10.2.2.100,      false, false",
                "23.185.0.3,      47.91.64.21,     false, false",
        })
        @DisplayName("count RFC1918 to public as outbound and public to RFC1918 as inbound, never east-west or CGNAT")
        void classify(String src, String dst, boolean outbound, boolean inbound) {
            assertEquals(outbound, matches(OriginalQueries.OUTBOUND, flow(src, dst)));
            assertEquals(inbound, matches(OriginalQueries.INBOUND, flow(src, dst)));
        }

        @Test
        @DisplayName("narrowed to one gateway with AND netflow.gw_name outside parentheses, match only that gateway's records")
        void perGateway() {
            String query = OriginalQueries.forGateway(OriginalQueries.OUTBOUND, "marketing-azure-spoke-all");
            assertTrue(matches(query, flow("10.2.2.100", "23.185.0.3", "marketing-azure-spoke-all")));
            assertFalse(matches(query, flow("10.2.2.100", "23.185.0.3", "marketing-azure-spoke-allx")));
            assertFalse(matches(query, flow("23.185.0.3", "10.2.2.100", "marketing-azure-spoke-all")));
            assertEquals(Optional.of(Set.of("marketing-azure-spoke-all")),
                    LuceneQuery.parse(query).possibleValues(FlowField.GW_NAME));
        }

        @Test
        @DisplayName("written the README's way, NOT field:(RFC1918 OR CGNAT), mean the same")
        void readmeForm() {
            LuceneQuery readme = LuceneQuery.parse("netflow.src_addr:(\"10.0.0.0/8\" OR \"172.16.0.0/12\" OR "
                    + "\"192.168.0.0/16\") AND NOT netflow.dst_addr:(\"10.0.0.0/8\" OR \"172.16.0.0/12\" OR "
                    + "\"192.168.0.0/16\" OR \"100.64.0.0/10\")");
            LuceneQuery api = LuceneQuery.parse(OriginalQueries.OUTBOUND);
            for (String dst : new String[] {"23.185.0.3", "10.0.0.1", "100.64.0.1", "100.128.0.1", "172.32.0.1"}) {
                assertEquals(api.matches(flow("10.0.0.9", dst)), readme.matches(flow("10.0.0.9", dst)), dst);
            }
        }
    }

    @Nested
    @DisplayName("operators")
    class Operators {

        @Test
        @DisplayName("bind AND tighter than OR: a OR b AND c is a OR (b AND c)")
        void precedence() {
            String query = "netflow.src_addr:\"1.1.1.1\" OR netflow.dst_addr:\"2.2.2.2\" AND netflow.gw_name:\"gw-b\"";
            assertTrue(matches(query, flow("1.1.1.1", "9.9.9.9")), "the left of OR alone suffices");
            assertFalse(matches(query, flow("8.8.8.8", "2.2.2.2")), "the right of OR needs both of its AND");
            assertTrue(matches(query, flow("8.8.8.8", "2.2.2.2", "gw-b")));
            assertEquals("(netflow.src_addr:\"1.1.1.1\" OR (netflow.dst_addr:\"2.2.2.2\" AND netflow.gw_name:\"gw-b\"))",
                    LuceneQuery.parse(query).canonical());
        }

        @Test
        @DisplayName("let parentheses override precedence")
        void parentheses() {
            String query = "(netflow.src_addr:\"1.1.1.1\" OR netflow.dst_addr:\"2.2.2.2\") AND netflow.gw_name:\"gw-b\"";
            assertFalse(matches(query, flow("1.1.1.1", "9.9.9.9")));
            assertTrue(matches(query, flow("1.1.1.1", "9.9.9.9", "gw-b")));
        }

        @Test
        @DisplayName("apply NOT to the term or group right after it, and allow it twice")
        void not() {
            assertTrue(matches("NOT netflow.dst_addr:\"10.0.0.0/8\"", flow("10.0.0.1", "8.8.8.8")));
            assertFalse(matches("NOT netflow.dst_addr:\"10.0.0.0/8\"", flow("8.8.8.8", "10.0.0.1")));
            assertTrue(matches("NOT NOT netflow.dst_addr:\"10.0.0.0/8\"", flow("8.8.8.8", "10.0.0.1")));
            assertFalse(matches("NOT (netflow.dst_addr:\"10.0.0.0/8\" OR netflow.src_addr:\"8.8.8.8\")",
                    flow("8.8.8.8", "9.9.9.9")));
            assertTrue(matches("NOT netflow.dst_addr:\"10.0.0.0/8\" AND netflow.src_addr:\"8.8.8.8\"",
                    flow("8.8.8.8", "9.9.9.9")), "NOT binds to its term only, not to the AND");
        }

        @Test
        @DisplayName("also accept &&, || and !")
        void symbols() {
            assertEquals(LuceneQuery.parse("NOT netflow.src_port:1 AND netflow.dst_port:443 OR netflow.protocol:17"),
                    LuceneQuery.parse("!netflow.src_port:1 && netflow.dst_port:443 || netflow.protocol:17"));
        }

        @Test
        @DisplayName("match everything when empty, blank, * or *:*")
        void matchAll() {
            for (String query : new String[] {null, "", "   ", "*", "*:*", "netflow.gw_name:*"}) {
                assertTrue(matches(query, flow("1.2.3.4", "5.6.7.8")), String.valueOf(query));
            }
        }
    }

    @Nested
    @DisplayName("terms")
    class Terms {

        @ParameterizedTest(name = "{1} in {0}: {2}")
        @CsvSource({
                "10.0.0.0/8,     9.255.255.255,   false",
                "10.0.0.0/8,     10.0.0.0,        true",
                "10.0.0.0/8,     10.255.255.255,  true",
                "10.0.0.0/8,     11.0.0.0,        false",
                "172.16.0.0/12,  172.15.255.255,  false",
                "172.16.0.0/12,  172.16.0.0,      true",
                "172.16.0.0/12,  172.31.255.255,  true",
                "172.16.0.0/12,  172.32.0.0,      false",
                "192.168.0.0/16, 192.167.255.255, false",
                "192.168.0.0/16, 192.168.255.255, true",
                "192.168.0.0/16, 192.169.0.0,     false",
                "100.64.0.0/10,  100.63.255.255,  false",
                "100.64.0.0/10,  100.64.0.0,      true",
                "100.64.0.0/10,  100.127.255.255, true",
                "100.64.0.0/10,  100.128.0.0,     false",
                "0.0.0.0/0,      255.255.255.255, true",
                "10.1.2.3/32,    10.1.2.3,        true",
                "10.1.2.3/32,    10.1.2.4,        false",
                "10.1.2.77/24,   10.1.2.200,      true",
        })
        @DisplayName("treat a value with / on an IP field as a CIDR block, edges included")
        void cidrBoundaries(String cidr, String address, boolean inside) {
            assertEquals(inside, matches("netflow.dst_addr:\"" + cidr + "\"", flow("1.1.1.1", address)));
        }

        @Test
        @DisplayName("compare an IP without / exactly, quoted or not, and an escaped CIDR unquoted")
        void exactAddress() {
            assertTrue(matches("netflow.src_addr:\"23.185.0.3\"", flow("23.185.0.3", "10.0.0.1")));
            assertTrue(matches("netflow.src_addr:23.185.0.3", flow("23.185.0.3", "10.0.0.1")));
            assertFalse(matches("netflow.src_addr:23.185.0.3", flow("23.185.0.30", "10.0.0.1")));
            assertTrue(matches("netflow.dst_addr:10.0.0.0\\/8", flow("23.185.0.3", "10.9.0.1")));
        }

        @Test
        @DisplayName("apply a field group's field to every value in it")
        void fieldGroup() {
            String query = "netflow.gw_name:(\"gw-a\" OR \"gw-b\")";
            assertTrue(matches(query, flow("1.1.1.1", "2.2.2.2", "gw-a")));
            assertTrue(matches(query, flow("1.1.1.1", "2.2.2.2", "gw-b")));
            assertFalse(matches(query, flow("1.1.1.1", "2.2.2.2", "gw-c")));
            assertEquals(Optional.of(Set.of("gw-a", "gw-b")), LuceneQuery.parse(query).possibleValues(FlowField.GW_NAME));
        }

        @Test
        @DisplayName("compare gateway names exactly, including quotes and escapes")
        void gatewayNames() {
            assertTrue(matches("netflow.gw_name:gw-a", flow("1.1.1.1", "2.2.2.2", "gw-a")));
            assertFalse(matches("netflow.gw_name:\"GW-A\"", flow("1.1.1.1", "2.2.2.2", "gw-a")));
            assertTrue(matches("netflow.gw_name:\"odd \\\"name\\\" AND more\"", flow("1.1.1.1", "2.2.2.2", "odd \"name\" AND more")));
        }

        @Test
        @DisplayName("compare ports and protocols as numbers, with tcp/udp/icmp names for the protocol")
        void numbers() {
            FlowRecord dns = new FlowRecord("10.0.0.1", "8.8.8.8", "gw", 53000, 53, 17);
            assertTrue(matches("netflow.dst_port:53 AND netflow.protocol:udp", dns));
            assertTrue(matches("netflow.dst_port:\"53\" AND netflow.protocol:17 AND netflow.src_port:53000", dns));
            assertFalse(matches("netflow.protocol:tcp", dns));
        }

        @Test
        @DisplayName("pin a gateway only when every matching record must have it")
        void possibleValues() {
            assertEquals(Optional.empty(), LuceneQuery.parse(OriginalQueries.OUTBOUND).possibleValues(FlowField.GW_NAME));
            assertEquals(Optional.empty(), LuceneQuery.parse("netflow.gw_name:\"a\" OR netflow.src_port:1")
                    .possibleValues(FlowField.GW_NAME));
            assertEquals(Optional.empty(), LuceneQuery.parse("NOT netflow.gw_name:\"a\"").possibleValues(FlowField.GW_NAME));
            assertEquals(Optional.of(Set.of()), LuceneQuery.parse("netflow.gw_name:\"a\" AND netflow.gw_name:\"b\"")
                    .possibleValues(FlowField.GW_NAME));
            assertEquals(Optional.of(Set.of("a", "b")), LuceneQuery.parse(
                    "(netflow.gw_name:\"a\" AND netflow.src_port:1) OR netflow.gw_name:\"b\"").possibleValues(FlowField.GW_NAME));
        }
    }

    @Nested
    @DisplayName("refuses, saying where")
    class Errors {

        @ParameterizedTest(name = "[{0}] at {1}: {2}")
        @CsvSource(delimiter = '|', value = {
                "netflow.src_addr:(\"10.0.0.0/8\" OR                  | 33 | expected a term",
                "(netflow.src_addr:\"10.0.0.0/8\"                     | 30 | to close the",
                "netflow.src_addr:\"10.0.0.0/8\")                     | 29 | without a matching",
                "netflow.src_addr:\"10.0.0.0/8                        | 17 | unterminated",
                "netflow.src_adr:\"10.0.0.1\"                         | 0  | unknown field",
                "netflow.src_addr:\"10.0.0.0/33\"                     | 17 | bad prefix length",
                "netflow.src_addr:\"10.0.0.256\"                      | 17 | not an IPv4 address",
                "netflow.src_addr:10.0.0.0/8                          | 25 | quote the CIDR",
                "netflow.src_addr:10.*                                | 20 | wildcards",
                "netflow.dst_port:[1 TO 5]                            | 17 | range queries",
                "netflow.dst_port:https                               | 17 | not a valid netflow.dst_port",
                "netflow.gw_name:\"a\" netflow.gw_name:\"b\"          | 20 | expected AND, OR or the end",
                "netflow.gw_name:\"a\" and netflow.gw_name:\"b\"      | 20 | expected AND, OR or the end",
                "netflow.gw_name:\"a\" AND                            | 23 | expected a term",
                "NOT                                                  | 3  | expected a term",
                "-netflow.gw_name:\"a\"                               | 0  | prefix operator",
                "\"10.0.0.1\"                                         | 0  | needs a field",
                "10.0.0.1                                             | 0  | without a field",
                "netflow.gw_name:                                     | 16 | expected a value",
                "netflow.gw_name:\"a\" & netflow.gw_name:\"b\"        | 20 | a single",
                "()                                                   | 1  | expected a term",
        })
        @DisplayName("what is wrong")
        void syntaxErrors(String query, int position, String problem) {
            LuceneSyntaxException e = assertThrows(LuceneSyntaxException.class, () -> LuceneQuery.parse(query));
            assertEquals(position, e.position(), e.getMessage());
            assertTrue(e.getMessage().contains(problem), e.getMessage());
            assertTrue(e.getMessage().endsWith("at position " + position), e.getMessage());
        }
    }
}
