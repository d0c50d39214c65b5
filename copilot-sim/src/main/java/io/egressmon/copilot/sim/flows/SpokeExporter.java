package io.egressmon.copilot.sim.flows;

import io.egressmon.copilot.sim.Estate;
import io.egressmon.copilot.sim.Gateway;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * How one simulated spoke exports: from its own loopback address (spoke {@code i} of the estate,
 * 0-based, sends from {@code 127.0.1.(i + 1)}; Linux routes all of 127/8 to {@code lo}), in IPFIX when
 * {@code i} is even and NetFlow v9 when odd, with source id / observation domain {@code i + 1}.
 *
 * <p>Spokes with {@code i % 5 == 3} are sampled: deterministic 1-in-{@code samplingRate} over the
 * packets of each minute (see {@link MinuteFlows}), {@code samplingRate} 10 for {@code i < 10}, else
 * 100. In the default estate that is engineering-aws-spoke-dev (3, v9, 1-in-10),
 * enterprise-data-gcp-spoke-qa (8, IPFIX, 1-in-10) and operations-oci-spoke-shared (13, v9, 1-in-100).
 *
 * <p>Only the 14 sample spokes export; synthetic spokes (benchmarks) do not.
 */
public record SpokeExporter(String gateway, int index, InetAddress source, ExportFormat format, int samplingRate,
                            long domainId) {

    public boolean sampled() {
        return samplingRate > 1;
    }

    /** The plan for an estate: one exporter per sample spoke, in the estate's order. */
    public static List<SpokeExporter> plan(Estate estate) {
        List<SpokeExporter> plan = new ArrayList<>();
        int index = 0;
        for (Gateway spoke : estate.spokes()) {
            if (spoke.name().startsWith("sim-spoke-")) {
                continue;
            }
            int rate = index % 5 == 3 ? (index < 10 ? 10 : 100) : 1;
            plan.add(new SpokeExporter(spoke.name(), index, loopback(index + 1),
                    index % 2 == 0 ? ExportFormat.IPFIX : ExportFormat.NETFLOW_V9, rate, index + 1));
            index++;
        }
        return List.copyOf(plan);
    }

    private static InetAddress loopback(int host) {
        try {
            return InetAddress.getByAddress(new byte[] {127, 0, 1, (byte) host});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
