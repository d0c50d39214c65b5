package io.egressmon.streams.query;

import io.egressmon.report.SpokeBandwidth;
import io.egressmon.streams.counters.RawTotals;
import java.util.Objects;

/** One spoke's raw totals over a period with its attributes; internal/egress derived once, here. */
public record SpokeRow(GatewayInfo info, RawTotals totals) {

    public SpokeRow {
        Objects.requireNonNull(info, "info");
        Objects.requireNonNull(totals, "totals");
    }

    public String gateway() {
        return info.gateway();
    }

    /** The report module's view (the seed's CSV/text columns). */
    public SpokeBandwidth toSpokeBandwidth() {
        return new SpokeBandwidth(info.gateway(), info.accountName(), info.vpcName(), info.vpcId(), info.vpcRegion(),
                info.vendorName(), info.transitGwName(), info.groupName(), info.tunnelInterfaces(),
                totals.internalRx(), totals.internalTx(), totals.egressRx(), totals.egressTx(),
                totals.eth0Rx(), totals.eth0Tx());
    }
}
