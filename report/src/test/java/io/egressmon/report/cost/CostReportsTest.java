package io.egressmon.report.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.egressmon.api.cost.CostAnswer;
import io.egressmon.report.Fixtures;
import io.egressmon.report.ReportFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The fixed cost answers of {@link CostFixtures} print byte for byte as the golden files under
 * {@code cost/}. On a difference the printed report is written to {@code target/cost-golden/} to
 * compare (and, once read and found right, to copy over the golden file).
 */
@DisplayName("The cost report prints the fixed answers as the golden files")
class CostReportsTest {

    @ParameterizedTest(name = "{0} {1}: {3}")
    @CsvSource(delimiter = '|', textBlock = """
            complete     | text | cost/cost_7d.txt                | a row per spoke with its tier, the total, month to date, the forecast ± its uncertainty, the tiers per account, what is not priced
            complete     | csv  | cost/cost_7d.csv                | a header row, a row per spoke, dollars exact
            complete     | json | cost/cost_7d.json               | the API's answer in json.dumps(indent=2) layout
            incomplete   | text | cost/cost_7d_incomplete.txt     | an answer not priced to its end says '(incomplete: priced until …)' in the header, the total and the month to date
            cost_center  | text | cost/cost_7d_by_cost_center.txt | grouped, a GROUPS block after the total, and 'Grouped by: cost_center' in the header
            cost_center  | json | cost/cost_7d_by_cost_center.json | grouped, the API's group_by and groups
            """)
    void printsAsTheGolden(String answer, String format, String golden, String behaviour) throws IOException {
        Supplier<CostAnswer> fixture = switch (answer) {
            case "complete" -> CostFixtures::answer;
            case "incomplete" -> CostFixtures::incomplete;
            case "cost_center" -> CostFixtures::byCostCenter;
            default -> throw new IllegalArgumentException(answer);
        };
        String printed = ReportFormat.fromFlag(format).render(fixture.get());
        String expected = Fixtures.text(golden);
        if (!expected.equals(printed)) {
            Path actual = Path.of("target", "cost-golden", Path.of(golden).getFileName().toString());
            Files.createDirectories(actual.getParent());
            Files.writeString(actual, printed);
        }
        assertEquals(expected, printed, behaviour);
    }
}
