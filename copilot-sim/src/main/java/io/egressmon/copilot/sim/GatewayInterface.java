package io.egressmon.copilot.sim;

import java.time.Instant;

/**
 * One interface of a gateway with its two counters' rates.
 *
 * @param createdAt when the interface (and its counters, at zero) came to be; the estate's origin
 *                  for all but the late tunnel
 */
public record GatewayInterface(String name, Kind kind, Instant createdAt, Traffic rx, Traffic tx) {

    public enum Kind {
        /** The physical interface: carries egress and the encapsulated tunnel traffic. */
        ETH0,
        /** A transit tunnel, {@code tun-…}: its payload is the spoke's internal traffic. */
        TUNNEL,
        /** {@code tun0}, the OpenVPN interface: not a transit tunnel, a classifier must ignore it. */
        OPENVPN
    }

    public boolean isTunnel() {
        return kind == Kind.TUNNEL;
    }
}
