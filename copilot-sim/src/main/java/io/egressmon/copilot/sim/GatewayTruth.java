package io.egressmon.copilot.sim;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The exact answer for one gateway over a period: the raw sums, and the classification derived from
 * them. {@code interfaces} holds every interface sampled by the end of the period, in the gateway's
 * order (eth0 first), {@code tun0} included; the tunnel sums count only {@code tun-…} interfaces.
 *
 * @param reboots reboots whose first post-reboot sample falls inside the period
 */
public record GatewayTruth(String gateway, String type, long eth0RxBytes, long eth0TxBytes, long tunnelRxBytes,
                           long tunnelTxBytes, int reboots, Map<String, InterfaceDelta> interfaces) {

    public GatewayTruth {
        interfaces = Collections.unmodifiableMap(new LinkedHashMap<>(interfaces));
    }

    public long internalRxBytes() {
        return tunnelRxBytes;
    }

    public long internalTxBytes() {
        return tunnelTxBytes;
    }

    /**
     * Tunnel payload crosses eth0 in both directions, so both directions of every tunnel come off
     * each eth0 direction. Clamped once, for the whole period: clamping pieces and adding them up
     * would give a different (larger) answer.
     */
    public long egressRxBytes() {
        return Math.max(0, eth0RxBytes - (tunnelRxBytes + tunnelTxBytes));
    }

    public long egressTxBytes() {
        return Math.max(0, eth0TxBytes - (tunnelRxBytes + tunnelTxBytes));
    }

    public InterfaceDelta iface(String name) {
        return interfaces.getOrDefault(name, InterfaceDelta.ZERO);
    }
}
