package io.egressmon.report;

import io.egressmon.api.bandwidth.BandwidthAnswer;
import io.egressmon.api.bandwidth.Traffic;
import io.egressmon.api.talkers.TalkerRow;
import io.egressmon.api.talkers.TopTalkersAnswer;
import java.time.Instant;
import java.util.List;

/**
 * Test data of the report tests. {@code fixtures/} (bandwidth) and {@code talkers/} hold a real sample
 * report each ({@code *_7d.csv}, copies of {@code shared/reference/sample-reports}); from their rows
 * {@code src/test/python/bandwidth_oracle.py} and {@code talkers/talkers_oracle.py} made, independently
 * of the Java code under test, the API's answers ({@code api_*.json}) and the text and JSON the
 * original scripts print for them. The tests read the answers and compare what the report prints.
 */
public final class Fixtures {
    public static final String BANDWIDTH = "fixtures/api_bandwidth_7d.json";
    public static final String TALKERS = "talkers/api_top_talkers_7d.json";

    private Fixtures() {
    }

    /** A resource as UTF-8 text (the api module's test fixtures read it). */
    public static String text(String resource) {
        return io.egressmon.api.Fixtures.text(resource);
    }

    public static BandwidthAnswer bandwidth(String resource) {
        return io.egressmon.api.Fixtures.read(resource, BandwidthAnswer.class);
    }

    public static TopTalkersAnswer talkers(String resource) {
        return io.egressmon.api.Fixtures.read(resource, TopTalkersAnswer.class);
    }

    /** A spoke's traffic with these figures; eth0 carried the egress and both tunnel directions. */
    public static Traffic traffic(long internalRx, long internalTx, long egressRx, long egressTx) {
        long tunnels = internalRx + internalTx;
        return new Traffic(internalRx, internalTx, egressRx, egressTx, egressRx + tunnels, egressTx + tunnels,
                internalRx, internalTx, 0);
    }

    /** A global top-talkers answer. */
    public static TopTalkersAnswer global(Instant start, Instant end, int days, String copilotUrl, int top,
                                          List<TalkerRow> destinations, List<TalkerRow> sources) {
        return new TopTalkersAnswer(TopTalkersAnswer.REPORT, TopTalkersAnswer.GLOBAL, start, end, days, copilotUrl,
                destinations, sources, null, null, null, top, null, null, null, null,
                new io.egressmon.api.Covered(null, null, "PT1H", true, end));
    }

    /** A complete, exact bandwidth answer at hourly resolution over {@code spokes}. */
    public static io.egressmon.api.bandwidth.BandwidthAnswer bandwidth(Instant start, Instant end, int days,
            List<io.egressmon.api.bandwidth.SpokeBandwidth> spokes, io.egressmon.api.GroupBy groupBy) {
        return io.egressmon.api.bandwidth.BandwidthAnswer.of(start, end, days, spokes, groupBy,
                new io.egressmon.api.Covered(null, null, "PT1H", true, end));
    }
}
