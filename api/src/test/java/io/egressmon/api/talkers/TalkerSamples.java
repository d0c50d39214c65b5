package io.egressmon.api.talkers;

import io.egressmon.api.Fixtures;
import java.util.ArrayList;
import java.util.List;

/** Top-talkers test data: the sample answers and small builders. */
final class TalkerSamples {
    /** The real sample report: the top 10 destinations and sources over 7 days. */
    static final String CSV = "talkers/top_talkers_7d.csv";
    /** What the API answers for the sample's rows. */
    static final String ANSWER = "talkers/api_top_talkers_7d.json";
    /** A per-spoke answer for five spokes, asked with top=3. */
    static final String PER_SPOKE_ANSWER = "talkers/api_top_talkers_7d_per_spoke.json";
    static final String URL = "https://cplt.demo.aviatrixtest.com/monitor/flow-iq/flowiq/overview";

    private TalkerSamples() {
    }

    /** The sample's rows as the answer holds them, every derived column made by {@link TalkerRow#of}. */
    static TopTalkersAnswer sample() {
        List<TalkerRow> destinations = new ArrayList<>();
        List<TalkerRow> sources = new ArrayList<>();
        for (List<String> f : Fixtures.csvRows(CSV)) {
            TalkerRow row = TalkerRow.of(Integer.parseInt(f.get(1)), f.get(2), Long.parseLong(f.get(3)), f.get(7));
            (f.get(0).equals("destination") ? destinations : sources).add(row);
        }
        return global(10, destinations, sources);
    }

    static TopTalkersAnswer perSpoke() {
        return Fixtures.read(PER_SPOKE_ANSWER, TopTalkersAnswer.class);
    }

    /** A global answer over the sample's period. */
    static TopTalkersAnswer global(int top, List<TalkerRow> destinations, List<TalkerRow> sources) {
        return new TopTalkersAnswer(TopTalkersAnswer.REPORT, TopTalkersAnswer.GLOBAL, Fixtures.SAMPLE_START,
                Fixtures.SAMPLE_END, 7, URL, destinations, sources, null, null, null, top, null, null, null, null,
                new io.egressmon.api.Covered(null, null, "PT1H", true, Fixtures.SAMPLE_END));
    }

    /** A per-spoke answer over the sample's period. */
    static TopTalkersAnswer perSpoke(int top, List<SpokeTalkers> spokes) {
        return new TopTalkersAnswer(TopTalkersAnswer.REPORT, TopTalkersAnswer.PER_SPOKE, Fixtures.SAMPLE_START,
                Fixtures.SAMPLE_END, 7, URL, null, null, spokes, null, null, top, null, null, null, null,
                new io.egressmon.api.Covered(null, null, "PT1H", true, Fixtures.SAMPLE_END));
    }

    static TalkerRow row(int rank, String ip, long bytes) {
        return TalkerRow.of(rank, ip, bytes, URL);
    }
}
