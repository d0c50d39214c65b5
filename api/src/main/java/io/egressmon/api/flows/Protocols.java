package io.egressmon.api.flows;

import io.egressmon.api.BadParameter;
import java.util.Locale;
import java.util.Map;

/** IP protocol numbers by the names people type ({@code protocol=tcp}); any number 0-255 too. */
public final class Protocols {
    public static final String PARAMETER = "protocol";
    private static final Map<String, Integer> NUMBERS = Map.of("icmp", 1, "tcp", 6, "udp", 17, "gre", 47, "esp", 50,
            "ah", 51, "icmpv6", 58, "sctp", 132);

    private Protocols() {
    }

    /** @throws BadParameter naming {@code protocol} */
    public static int parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        Integer named = NUMBERS.get(t);
        if (named != null) {
            return named;
        }
        try {
            int n = Integer.parseInt(t);
            if (n >= 0 && n <= 255) {
                return n;
            }
        } catch (NumberFormatException e) {
            // not a number: the message below says what is
        }
        throw new BadParameter(PARAMETER, "protocol='" + text + "' is not a protocol number 0-255 or one of "
                + String.join(", ", new java.util.TreeSet<>(NUMBERS.keySet())));
    }

    /** The name of {@code protocol} (tcp, udp…) or its number as text. */
    public static String name(int protocol) {
        for (Map.Entry<String, Integer> e : NUMBERS.entrySet()) {
            if (e.getValue() == protocol) {
                return e.getKey();
            }
        }
        return Integer.toString(protocol);
    }
}
