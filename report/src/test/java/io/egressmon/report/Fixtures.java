package io.egressmon.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Test data. {@code fixtures/spoke_bandwidth_7d.csv} is a copy of the real report in
 * {@code shared/reference/sample-reports}; the other fixtures were made from its rows by
 * {@code src/test/python/bandwidth_oracle.py}, which prints them the way the original Python script
 * does, independently of the Java code under test.
 */
final class Fixtures {
    static final String SAMPLE_CSV = "fixtures/spoke_bandwidth_7d.csv";
    static final Instant SAMPLE_START = Instant.parse("2026-02-03T10:00:00Z");
    static final Instant SAMPLE_END = Instant.parse("2026-02-10T10:00:00Z");

    private Fixtures() {
    }

    static byte[] bytes(String resource) {
        try (InputStream in = Fixtures.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no test resource " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String text(String resource) {
        return new String(bytes(resource), StandardCharsets.UTF_8);
    }

    /** The sample CSV's data rows, split on commas (the sample has no quoted fields). */
    static List<List<String>> sampleRows() {
        List<String> lines = Arrays.asList(text(SAMPLE_CSV).split("\r\n"));
        List<List<String>> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            rows.add(Arrays.asList(line.split(",", -1)));
        }
        return rows;
    }

    /** The sample's 14 spokes; tunnels and eth0 are not in the CSV, so eth0 is egress plus all tunnel bytes. */
    static List<SpokeBandwidth> sampleSpokes() {
        List<SpokeBandwidth> spokes = new ArrayList<>();
        for (List<String> r : sampleRows()) {
            long irx = Long.parseLong(r.get(8));
            long itx = Long.parseLong(r.get(9));
            long erx = Long.parseLong(r.get(10));
            long etx = Long.parseLong(r.get(11));
            spokes.add(new SpokeBandwidth(r.get(0), r.get(1), r.get(2), r.get(3), r.get(4), r.get(5), r.get(6), r.get(7),
                    List.of(), irx, itx, erx, etx, erx + irx + itx, etx + irx + itx));
        }
        return spokes;
    }

    static BandwidthReport sampleReport() {
        return new BandwidthReport(SAMPLE_START, SAMPLE_END, 7, sampleSpokes());
    }

    /** A spoke with the given figures and placeholder attributes. */
    static SpokeBandwidth spoke(String name, long internalRx, long internalTx, long egressRx, long egressTx) {
        return new SpokeBandwidth(name, "acct", "vpc", "vpc-1", "us-east-1", "AWS", "transit-1", "grp",
                List.of("tun-1"), internalRx, internalTx, egressRx, egressTx,
                egressRx + internalRx + internalTx, egressTx + internalRx + internalTx);
    }
}
