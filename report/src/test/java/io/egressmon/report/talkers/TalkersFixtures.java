package io.egressmon.report.talkers;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Test data. {@code talkers/top_talkers_7d.csv} is a copy of the real report in
 * {@code shared/reference/sample-reports}; the other files in {@code talkers/} were made by
 * {@code src/test/python/talkers/talkers_oracle.py}, which prints the seed's formats independently of
 * the Java code under test.
 */
final class TalkersFixtures {
    static final String SAMPLE_CSV = "talkers/top_talkers_7d.csv";
    static final Instant START = Instant.parse("2026-02-03T10:00:00Z");
    static final Instant END = Instant.parse("2026-02-10T10:00:00Z");
    static final String SAMPLE_URL = "https://cplt.demo.aviatrixtest.com/monitor/flow-iq/flowiq/overview";
    static final long GIB = 1L << 30;

    private TalkersFixtures() {
    }

    static byte[] bytes(String resource) {
        try (InputStream in = TalkersFixtures.class.getClassLoader().getResourceAsStream(resource)) {
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

    /** The sample CSV's rows, split on commas (the sample has no quoted fields), read without the code under test. */
    static TopTalkersReport sampleReport() {
        List<RankedTalker> destinations = new ArrayList<>();
        List<RankedTalker> sources = new ArrayList<>();
        List<String> lines = Arrays.asList(text(SAMPLE_CSV).split("\r\n"));
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            RankedTalker t = new RankedTalker(Integer.parseInt(f[1]), f[2], Long.parseLong(f[3]), f[5].equals("True"));
            (f[0].equals("destination") ? destinations : sources).add(t);
        }
        return new TopTalkersReport(START, END, 7, SAMPLE_URL, 10, destinations, sources);
    }

    /** The oracle's per-spoke answer (five spokes, asked with top=3). */
    static PerSpokeTalkersReport perSpokeReport() {
        return (PerSpokeTalkersReport) TopTalkersApiJson.read(text("talkers/api_top_talkers_7d_per_spoke.json")).withTop(3);
    }

    /** Bytes that print as {@code gb} GB. */
    static long gib(double gb) {
        return Math.round(gb * GIB);
    }

    static RankedTalker talker(int rank, String ip, long bytes) {
        return new RankedTalker(rank, ip, bytes, false);
    }
}
