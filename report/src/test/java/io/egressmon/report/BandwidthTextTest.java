package io.egressmon.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.egressmon.api.GatewayAttributes;
import io.egressmon.api.GroupBy;
import io.egressmon.api.bandwidth.BandwidthAnswer;
import io.egressmon.api.bandwidth.SpokeBandwidth;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class BandwidthTextTest {
    private static final long MIB = 1L << 20;
    private static final long GIB = 1L << 30;

    @Test
    @DisplayName("an estate with the original README's figures prints the README's header, spoke blocks and aggregate")
    void readmeExampleUngrouped() {
        String text = BandwidthText.write(ReadmeEstate.answer(null));
        assertTrue(text.startsWith("""
                ======================================================================
                Spoke Gateway Bandwidth Report
                Period: 2026-01-11 to 2026-02-10 (30 days)
                ======================================================================

                accounting-aws-spoke-dev:
                  Internal:  RX 207.3 MB, TX 49.1 MB
                  Egress:    RX 4.32 GB, TX 2.85 GB
                  Total:     7.42 GB

                """), text);
        assertTrue(text.contains("""

                operations-aws-spoke-k8s:
                  Internal:  RX 131.4 MB, TX 230.4 MB
                  Egress:    RX 72.67 GB, TX 53.16 GB
                  Total:     126.18 GB

                """), text);
        assertTrue(text.endsWith(ReadmeEstate.AGGREGATE), text);
    }

    @Test
    @DisplayName("grouped by cloud, the original README's AWS and Azure ARM blocks come out as shown, all gateways listed")
    void readmeExampleGroupedByCloud() {
        BandwidthAnswer answer = ReadmeEstate.answer(GroupBy.CLOUD);
        String text = BandwidthText.write(answer);
        String awsGateways = String.join(", ", answer.groups().get(0).gateways());
        assertTrue(awsGateways.startsWith("accounting-aws-spoke-dev, "), awsGateways);
        assertTrue(text.contains("""

                AWS:  (8 spokes)
                  Internal:  RX 1.01 GB, TX 954.2 MB
                  Egress:    RX 100.33 GB, TX 71.98 GB
                  Total:     174.26 GB
                  Gateways:  %s

                Azure ARM:  (2 spokes)
                  Internal:  RX 430.7 MB, TX 1.14 GB
                  Egress:    RX 231.18 GB, TX 158.54 GB
                  Total:     391.28 GB
                  Gateways:  marketing-azure-spoke-all, operations-azure-spoke-k8s

                """.formatted(awsGateways)), text);
        assertTrue(text.endsWith(ReadmeEstate.AGGREGATE), text);
    }

    @Test
    @DisplayName("a one-day answer without spokes prints the header and a zero aggregate")
    void emptyOneDayReport() {
        BandwidthAnswer answer = Fixtures.bandwidth(
                Instant.parse("2026-02-09T10:00:00Z"), Instant.parse("2026-02-10T10:00:00Z"), 1, List.of(), null);
        assertEquals("""
                ======================================================================
                Spoke Gateway Bandwidth Report
                Period: 2026-02-09 to 2026-02-10 (1 day)
                ======================================================================

                ----------------------------------------------------------------------
                AGGREGATE (all spokes)
                ----------------------------------------------------------------------
                  Internal:  RX 0 B, TX 0 B
                  Egress:    RX 0 B, TX 0 B
                  Total:     0 B
                ======================================================================
                """, BandwidthText.write(answer));
    }

    /**
     * 14 spokes whose figures reproduce every number of the original README's examples: the two spoke blocks,
     * the AWS and Azure ARM groups and the aggregate. Where the README rounds, the bytes sit inside the
     * rounding interval so that the README's totals come out too (e.g. AWS total 174.26 GB needs its
     * parts slightly above the printed values).
     */
    static final class ReadmeEstate {
        static final String AGGREGATE = """
                ----------------------------------------------------------------------
                AGGREGATE (all spokes)
                ----------------------------------------------------------------------
                  Internal:  RX 1.73 GB, TX 2.37 GB
                  Egress:    RX 354.00 GB, TX 246.60 GB
                  Total:     604.70 GB
                ======================================================================
                """;

        /** The estate's answer, grouped by {@code groupBy} unless it is null. */
        static BandwidthAnswer answer(GroupBy groupBy) {
            List<SpokeBandwidth> spokes = new ArrayList<>();
            long[] dev = {mib(207.3), mib(49.1), gib(4.32), gib(2.85)};
            long[] k8s = {mib(131.4), mib(230.4), gib(72.67), gib(53.16)};
            long[] aws = {gib(1.014), mib(954.24), gib(100.334), gib(71.984)};
            long[] azure = {mib(430.7), gib(1.14), gib(231.18), gib(158.54)};
            long[] oci = {mib(28.1), mib(33.7), gib(1.70), gib(1.86)};
            long[] all = {gib(1.73), gib(2.37), gib(354.00), gib(246.60)};

            spokes.add(spoke("accounting-aws-spoke-dev", "AWS", dev));
            spokes.add(spoke("operations-aws-spoke-k8s", "AWS", k8s));
            addSplit(spokes, "AWS", minus(aws, dev, k8s), "accounting-aws-spoke-prod", "accounting-aws-spoke-qa",
                    "engineering-aws-spoke-dev", "engineering-aws-spoke-prod", "engineering-aws-spoke-qa",
                    "operations-aws-landing-zone");
            addSplit(spokes, "Azure ARM", azure, "marketing-azure-spoke-all", "operations-azure-spoke-k8s");
            spokes.add(spoke("operations-oci-spoke-shared", "Oracle Cloud Infrastructure", oci));
            addSplit(spokes, "Gcloud", minus(all, aws, azure, oci), "enterprise-data-gcp-spoke-dev",
                    "enterprise-data-gcp-spoke-prod", "enterprise-data-gcp-spoke-qa");
            spokes.sort(Comparator.comparing(SpokeBandwidth::gateway));
            return Fixtures.bandwidth(Instant.parse("2026-01-11T10:00:00Z"), Instant.parse("2026-02-10T10:00:00Z"),
                    30, spokes, groupBy);
        }

        private static SpokeBandwidth spoke(String name, String vendor, long[] v) {
            return new SpokeBandwidth(new GatewayAttributes(name, "acct", name, "vpc-" + name, "region", vendor, "transit", name),
                    List.of("tun-" + name), Fixtures.traffic(v[0], v[1], v[2], v[3]));
        }

        /** Spreads {@code total} over the named spokes; the last one takes the remainder. */
        private static void addSplit(List<SpokeBandwidth> spokes, String vendor, long[] total, String... names) {
            for (int i = 0; i < names.length; i++) {
                long[] share = new long[4];
                for (int k = 0; k < 4; k++) {
                    long each = total[k] / names.length;
                    share[k] = i < names.length - 1 ? each : total[k] - each * (names.length - 1);
                }
                spokes.add(spoke(names[i], vendor, share));
            }
        }

        private static long[] minus(long[] from, long[]... parts) {
            long[] rest = from.clone();
            for (long[] p : parts) {
                for (int k = 0; k < 4; k++) {
                    rest[k] -= p[k];
                }
            }
            for (long r : rest) {
                assertTrue(r > 0, "README estate figures must leave a positive remainder");
            }
            return rest;
        }
    }

    private static long mib(double value) {
        return Math.round(value * MIB);
    }

    private static long gib(double value) {
        return Math.round(value * GIB);
    }
}
