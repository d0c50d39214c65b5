package io.egressmon.report;

import java.util.List;
import java.util.Objects;

/**
 * One spoke gateway's bandwidth over a report period, with the seven inventory attributes the
 * reports carry. Internal = the tunnels' bytes; egress = eth0 minus all tunnel bytes, clamped at zero
 * once for the whole period (see docs/design.md, "The arithmetic"). The eth0 readings are kept so the
 * JSON report can show what egress was derived from.
 *
 * <p>Attributes may be null when the inventory lacks them; the CSV then shows an empty field and the
 * JSON {@code null}, as the original scripts did with Python's {@code None}.
 */
public record SpokeBandwidth(
        String gateway,
        String accountName,
        String vpcName,
        String vpcId,
        String vpcRegion,
        String vendorName,
        String transitGwName,
        String groupName,
        List<String> tunnelInterfaces,
        long internalRxBytes,
        long internalTxBytes,
        long egressRxBytes,
        long egressTxBytes,
        long eth0RxBytes,
        long eth0TxBytes) implements GatewayAttributes {

    public SpokeBandwidth {
        Objects.requireNonNull(gateway, "gateway");
        tunnelInterfaces = tunnelInterfaces == null ? List.of() : List.copyOf(tunnelInterfaces);
    }

    /** Internal RX + TX + egress RX + TX: the "Total" line of the text report. */
    public long totalBytes() {
        return internalRxBytes + internalTxBytes + egressRxBytes + egressTxBytes;
    }
}
