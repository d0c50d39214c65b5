package io.egressmon.api.flows;

import io.egressmon.api.BadParameter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * An address filter: one IP, or a network in CIDR notation ({@code 10.0.0.0/8}, {@code 2001:db8::/32}).
 * An IPv4 filter never matches an IPv6 address and the other way round.
 */
public record Cidr(byte[] network, int prefix) {

    public Cidr {
        network = network.clone();
        if ((network.length != 4 && network.length != 16) || prefix < 0 || prefix > network.length * 8) {
            throw new IllegalArgumentException("not a network: " + network.length + " bytes, /" + prefix);
        }
    }

    /**
     * @param parameter the query parameter, named in the error
     * @throws BadParameter unless {@code text} is an IP literal with an optional {@code /prefix}
     */
    public static Cidr parse(String parameter, String text) {
        String t = text == null ? "" : text.trim();
        int slash = t.indexOf('/');
        String address = slash < 0 ? t : t.substring(0, slash);
        byte[] bytes = literal(address);
        if (bytes == null) {
            throw new BadParameter(parameter, parameter + "='" + text + "' is not an IP address or CIDR network"
                    + " (e.g. 10.1.0.0/16 or 2001:db8::/32)");
        }
        int prefix = bytes.length * 8;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(t.substring(slash + 1));
            } catch (NumberFormatException e) {
                prefix = -1;
            }
            if (prefix < 0 || prefix > bytes.length * 8) {
                throw new BadParameter(parameter, parameter + "='" + text + "': the prefix length must be 0-"
                        + bytes.length * 8);
            }
        }
        return new Cidr(bytes, prefix);
    }

    /** The bytes of an IP literal (never a name lookup), or null. */
    private static byte[] literal(String address) {
        boolean v4 = address.matches("\\d{1,3}(\\.\\d{1,3}){3}");
        boolean v6 = address.contains(":") && address.matches("[0-9A-Fa-f:.]+");
        if (!v4 && !v6) {
            return null;
        }
        try {
            return InetAddress.getByName(address).getAddress(); // a literal: no lookup
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** Whether {@code address} (4 or 16 bytes) is in this network. */
    public boolean contains(byte[] address) {
        if (address.length != network.length) {
            return false;
        }
        int full = prefix / 8;
        for (int i = 0; i < full; i++) {
            if (address[i] != network[i]) {
                return false;
            }
        }
        int rest = prefix % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xFF << (8 - rest)) & 0xFF;
        return (address[full] & mask) == (network[full] & mask);
    }

    /** Whether {@code address} (an IP literal as the API writes it) is in this network. */
    public boolean contains(String address) {
        byte[] bytes = literal(address);
        return bytes != null && contains(bytes);
    }

    @Override
    public String toString() {
        try {
            return InetAddress.getByAddress(network).getHostAddress() + "/" + prefix;
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // 4 or 16 bytes always make an address
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Cidr c && prefix == c.prefix && Arrays.equals(network, c.network);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(network) + prefix;
    }
}
