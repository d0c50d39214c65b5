package io.egressmon.streams.counters;

/** What an interface's counters count towards. */
enum InterfaceRole {
    /** The spoke's only uplink: everything, tunnel-encapsulated or not, crosses it. */
    ETH0,
    /** An IPsec/GRE tunnel to a transit gateway (Aviatrix names them {@code tun-...}). */
    TUNNEL,
    /** Anything else: {@code tun0} is the OpenVPN interface, others are not part of the arithmetic. */
    IGNORED;

    static InterfaceRole of(String name) {
        if ("eth0".equals(name)) {
            return ETH0;
        }
        if (name != null && name.startsWith("tun-")) {
            return TUNNEL;
        }
        return IGNORED;
    }
}
