package io.egressmon.ingest.netflow;

/**
 * The IPFIX information elements (RFC 7012, IANA registry) and NetFlow v9 field types (RFC 3954 §8;
 * the same numbers for everything read here) this collector uses, each mapped to the <em>kind</em> of
 * value a record holds. A template is compiled into kinds once, so decoding a record is a loop over ints.
 */
final class InformationElements {
    static final int VARIABLE_LENGTH = 65535;

    // Kinds: indexes into FlowRecord's values. Kept below 64 so one long says which were seen.
    static final int SKIP = 0;
    /** An address element of the wrong length: the record cannot be read as a flow. */
    static final int BAD_ADDRESS = 1;
    static final int SRC_V4 = 2;
    static final int DST_V4 = 3;
    static final int SRC_V6 = 4;
    static final int DST_V6 = 5;
    static final int OCTETS = 6;
    static final int PACKETS = 7;
    static final int TOTAL_OCTETS = 8;
    static final int TOTAL_PACKETS = 9;
    static final int SRC_PORT = 10;
    static final int DST_PORT = 11;
    static final int PROTOCOL = 12;
    static final int TCP_FLAGS = 13;
    static final int INPUT_IF = 14;
    static final int OUTPUT_IF = 15;
    static final int ICMP_V4 = 16;
    static final int ICMP_V6 = 17;
    static final int START_SECONDS = 18;
    static final int END_SECONDS = 19;
    static final int START_MILLIS = 20;
    static final int END_MILLIS = 21;
    static final int START_NTP_MICROS = 22;
    static final int END_NTP_MICROS = 23;
    static final int START_NTP_NANOS = 24;
    static final int END_NTP_NANOS = 25;
    static final int START_UPTIME = 26;
    static final int END_UPTIME = 27;
    static final int START_DELTA_MICROS = 28;
    static final int END_DELTA_MICROS = 29;
    static final int DIRECTION = 30;
    static final int SAMPLING_INTERVAL = 31;
    static final int PACKET_INTERVAL = 32;
    static final int PACKET_SPACE = 33;
    static final int SAMPLER_ID = 34;
    static final int SAMPLER_RANDOM_INTERVAL = 35;
    static final int SYSTEM_INIT_MILLIS = 36;
    static final int ICMP_TYPE = 37;
    static final int ICMP_CODE = 38;
    static final int KINDS = 39;

    private InformationElements() {
    }

    /**
     * The kind of an element with number {@code ie} (enterprise bit cleared) and wire {@code length}.
     * Unknown elements, and numbers whose length cannot be a 1..8-byte unsigned integer, are skipped.
     */
    static int kindOf(int ie, int length) {
        return switch (ie) {
            case 8 -> address(SRC_V4, length, 4);                  // sourceIPv4Address
            case 12 -> address(DST_V4, length, 4);                 // destinationIPv4Address
            case 27 -> address(SRC_V6, length, 16);                // sourceIPv6Address
            case 28 -> address(DST_V6, length, 16);                // destinationIPv6Address
            case 1 -> number(OCTETS, length);                      // octetDeltaCount (v9 IN_BYTES)
            case 2 -> number(PACKETS, length);                     // packetDeltaCount (v9 IN_PKTS)
            case 85 -> number(TOTAL_OCTETS, length);               // octetTotalCount
            case 86 -> number(TOTAL_PACKETS, length);              // packetTotalCount
            case 7 -> number(SRC_PORT, length);                    // sourceTransportPort
            case 11 -> number(DST_PORT, length);                   // destinationTransportPort
            case 4 -> number(PROTOCOL, length);                    // protocolIdentifier
            case 6 -> number(TCP_FLAGS, length);                   // tcpControlBits
            case 10 -> number(INPUT_IF, length);                   // ingressInterface
            case 14 -> number(OUTPUT_IF, length);                  // egressInterface
            case 32 -> number(ICMP_V4, length);                    // icmpTypeCodeIPv4: type << 8 | code
            case 139 -> number(ICMP_V6, length);                   // icmpTypeCodeIPv6
            case 176, 178 -> number(ICMP_TYPE, length);            // icmpTypeIPv4/IPv6, separately (Open vSwitch)
            case 177, 179 -> number(ICMP_CODE, length);            // icmpCodeIPv4/IPv6
            case 150 -> number(START_SECONDS, length);             // flowStartSeconds
            case 151 -> number(END_SECONDS, length);               // flowEndSeconds
            case 152 -> number(START_MILLIS, length);              // flowStartMilliseconds
            case 153 -> number(END_MILLIS, length);                // flowEndMilliseconds
            case 154 -> number(START_NTP_MICROS, length);          // flowStartMicroseconds (NTP format)
            case 155 -> number(END_NTP_MICROS, length);            // flowEndMicroseconds
            case 156 -> number(START_NTP_NANOS, length);           // flowStartNanoseconds (NTP format)
            case 157 -> number(END_NTP_NANOS, length);             // flowEndNanoseconds
            case 22 -> number(START_UPTIME, length);               // flowStartSysUpTime (v9 FIRST_SWITCHED)
            case 21 -> number(END_UPTIME, length);                 // flowEndSysUpTime (v9 LAST_SWITCHED)
            case 158 -> number(START_DELTA_MICROS, length);        // flowStartDeltaMicroseconds, before export time
            case 159 -> number(END_DELTA_MICROS, length);          // flowEndDeltaMicroseconds
            case 61 -> number(DIRECTION, length);                  // flowDirection: 0 ingress, 1 egress
            case 34 -> number(SAMPLING_INTERVAL, length);          // samplingInterval (v9 SAMPLING_INTERVAL)
            case 305 -> number(PACKET_INTERVAL, length);           // samplingPacketInterval: packets taken…
            case 306 -> number(PACKET_SPACE, length);              // samplingPacketSpace: …then packets skipped
            case 48 -> number(SAMPLER_ID, length);                 // samplerId (v9 FLOW_SAMPLER_ID)
            case 50 -> number(SAMPLER_RANDOM_INTERVAL, length);    // samplerRandomInterval: 1 in N
            case 160 -> number(SYSTEM_INIT_MILLIS, length);        // systemInitTimeMilliseconds: uptime 0
            default -> SKIP;
        };
    }

    private static int address(int kind, int length, int expected) {
        return length == expected ? kind : BAD_ADDRESS;
    }

    private static int number(int kind, int length) {
        return length >= 1 && length <= 8 ? kind : SKIP;
    }
}
