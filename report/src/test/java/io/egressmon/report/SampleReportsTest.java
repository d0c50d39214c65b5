package io.egressmon.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The real samples' answers (see {@link Fixtures}), read from the API's JSON, print byte for byte what
 * the oracles made from the original scripts: one case per answer and format.
 */
@DisplayName("The sample answers print as the original scripts'")
class SampleReportsTest {

    @ParameterizedTest(name = "{0} {1}: {4}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            bandwidth   | text | fixtures/api_bandwidth_7d.json                      | fixtures/spoke_bandwidth_7d.txt                | the sample's 14 spokes print as the expected text, a block per spoke and the aggregate
            bandwidth   | text | fixtures/api_bandwidth_7d_by_cloud.json             | fixtures/spoke_bandwidth_7d_by_cloud.txt       | grouped by cloud, the sample prints a block per provider listing all its gateways, and '(1 spoke)' for one
            bandwidth   | json | fixtures/api_bandwidth_7d.json                      | fixtures/spoke_bandwidth_7d.json               | the sample prints the original script's JSON as json.dumps(indent=2) would
            bandwidth   | json | fixtures/api_bandwidth_7d_by_cloud.json             | fixtures/spoke_bandwidth_7d_by_cloud.json      | a grouped answer appends group_by and the groups after the gateways
            top-talkers | text | talkers/api_top_talkers_7d.json                     | talkers/top_talkers_7d.txt                     | the real sample's rows print as the oracle's text
            top-talkers | text | talkers/api_top_talkers_7d_per_spoke.json           | talkers/top_talkers_7d_per_spoke.txt           | per spoke, a block per spoke with indented rows, headings left out for empty rankings
            top-talkers | text | talkers/api_top_talkers_7d_per_spoke_by_cloud.json  | talkers/top_talkers_7d_per_spoke_by_cloud.txt  | grouped by cloud, a block per group of the answer, '(1 spoke)' or '(N spokes)', its members and its rankings
            top-talkers | json | talkers/api_top_talkers_7d.json                     | talkers/top_talkers_7d.json                    | global, the contract's document in json.dumps(indent=2) layout, rows with all seven fields
            top-talkers | json | talkers/api_top_talkers_7d_per_spoke.json           | talkers/top_talkers_7d_per_spoke.json          | per spoke, a gateway entry with the 8 attributes (null when missing) and its rankings
            top-talkers | json | talkers/api_top_talkers_7d_per_spoke_by_cloud.json  | talkers/top_talkers_7d_per_spoke_by_cloud.json | grouped, group_by and groups follow the gateways
            """)
    void printsAsTheOracle(String report, String format, String answer, String expected, String behaviour) {
        ReportFormat writer = ReportFormat.fromFlag(format);
        String printed = switch (report) {
            case "bandwidth" -> writer.render(Fixtures.bandwidth(answer));
            case "top-talkers" -> writer.render(Fixtures.talkers(answer));
            default -> throw new IllegalArgumentException("no report " + report);
        };
        assertEquals(Fixtures.text(expected), printed, behaviour);
    }
}
