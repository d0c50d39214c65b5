package io.egressmon.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.egressmon.api.bandwidth.BandwidthAnswer;
import io.egressmon.api.talkers.TopTalkersAnswer;
import io.egressmon.report.talkers.TopTalkersJson;
import io.egressmon.report.talkers.TopTalkersText;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The real samples' answers (see {@link Fixtures}), read from the API's JSON, print byte for byte what
 * the oracles made from the original scripts: one case per answer and format.
 */
@DisplayName("The sample answers print as the original scripts'")
class SampleReportsTest {

    static Stream<Arguments> samples() {
        return Stream.of(
                bandwidth("text: the sample's 14 spokes print as the expected text, a block per spoke and the aggregate",
                        BandwidthText::write, Fixtures.BANDWIDTH, "fixtures/spoke_bandwidth_7d.txt"),
                bandwidth("text: grouped by cloud, the sample prints a block per provider listing all its gateways, and "
                        + "'(1 spoke)' for one", BandwidthText::write, Fixtures.BANDWIDTH_BY_CLOUD,
                        "fixtures/spoke_bandwidth_7d_by_cloud.txt"),
                bandwidth("json: the sample prints the original script's JSON as json.dumps(indent=2) would",
                        BandwidthJson::write, Fixtures.BANDWIDTH, "fixtures/spoke_bandwidth_7d.json"),
                bandwidth("json: a grouped answer appends group_by and the groups after the gateways",
                        BandwidthJson::write, Fixtures.BANDWIDTH_BY_CLOUD, "fixtures/spoke_bandwidth_7d_by_cloud.json"),
                talkers("text: the real sample's rows print as the oracle's text",
                        TopTalkersText::write, Fixtures.TALKERS, "talkers/top_talkers_7d.txt"),
                talkers("text: per spoke, a block per spoke with indented rows, headings left out for empty rankings",
                        TopTalkersText::write, Fixtures.TALKERS_PER_SPOKE, "talkers/top_talkers_7d_per_spoke.txt"),
                talkers("text: grouped by cloud, a block per group of the answer, '(1 spoke)' or '(N spokes)', its members "
                        + "and its rankings", TopTalkersText::write, Fixtures.TALKERS_PER_SPOKE_BY_CLOUD,
                        "talkers/top_talkers_7d_per_spoke_by_cloud.txt"),
                talkers("json: global, the contract's document in json.dumps(indent=2) layout, rows with all seven fields",
                        TopTalkersJson::write, Fixtures.TALKERS, "talkers/top_talkers_7d.json"),
                talkers("json: per spoke, a gateway entry with the 8 attributes (null when missing) and its rankings",
                        TopTalkersJson::write, Fixtures.TALKERS_PER_SPOKE, "talkers/top_talkers_7d_per_spoke.json"),
                talkers("json: grouped, group_by and groups follow the gateways",
                        TopTalkersJson::write, Fixtures.TALKERS_PER_SPOKE_BY_CLOUD,
                        "talkers/top_talkers_7d_per_spoke_by_cloud.json"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void printsAsTheOracle(Supplier<String> printed, String expected) {
        assertEquals(Fixtures.text(expected), printed.get());
    }

    private static Arguments bandwidth(String behaviour, Function<BandwidthAnswer, String> writer, String answer,
                                       String expected) {
        return Arguments.of(Named.of(behaviour, (Supplier<String>) () -> writer.apply(Fixtures.bandwidth(answer))), expected);
    }

    private static Arguments talkers(String behaviour, Function<TopTalkersAnswer, String> writer, String answer,
                                     String expected) {
        return Arguments.of(Named.of(behaviour, (Supplier<String>) () -> writer.apply(Fixtures.talkers(answer))), expected);
    }
}
