package io.egressmon.report;

import io.egressmon.api.bandwidth.BandwidthAnswer;
import io.egressmon.api.bandwidth.BandwidthCsv;
import io.egressmon.api.cost.CostAnswer;
import io.egressmon.api.talkers.TopTalkersAnswer;
import io.egressmon.api.talkers.TopTalkersCsv;
import io.egressmon.report.cost.CostCsv;
import io.egressmon.report.cost.CostJson;
import io.egressmon.report.cost.CostText;
import io.egressmon.report.talkers.TopTalkersJson;
import io.egressmon.report.talkers.TopTalkersText;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The original scripts' {@code --output} choices, each a view of an API answer. */
public enum ReportFormat {
    TEXT("text"),
    CSV("csv"),
    JSON("json");

    private final String flag;

    ReportFormat(String flag) {
        this.flag = flag;
    }

    /** The name as typed after {@code --output}. */
    public String flag() {
        return flag;
    }

    /** The bandwidth report in this format, exactly the bytes to write to stdout. */
    public String render(BandwidthAnswer answer) {
        return switch (this) {
            case TEXT -> BandwidthText.write(answer);
            case CSV -> BandwidthCsv.write(answer);
            case JSON -> BandwidthJson.write(answer);
        };
    }

    /** The top-talkers report in this format, exactly the bytes to write to stdout. */
    public String render(TopTalkersAnswer answer) {
        return switch (this) {
            case TEXT -> TopTalkersText.write(answer);
            case CSV -> TopTalkersCsv.write(answer);
            case JSON -> TopTalkersJson.write(answer);
        };
    }

    /** The cost report in this format, exactly the bytes to write to stdout. */
    public String render(CostAnswer answer) {
        return switch (this) {
            case TEXT -> CostText.write(answer);
            case CSV -> CostCsv.write(answer);
            case JSON -> CostJson.write(answer);
        };
    }

    /** All names, for help texts and error messages. */
    public static List<String> flags() {
        return Arrays.stream(values()).map(ReportFormat::flag).toList();
    }

    /**
     * The format named {@code name} (case-insensitive).
     *
     * @throws IllegalArgumentException naming the valid formats otherwise
     */
    public static ReportFormat fromFlag(String name) {
        String wanted = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        for (ReportFormat f : values()) {
            if (f.flag.equals(wanted)) {
                return f;
            }
        }
        throw new IllegalArgumentException(
                "unknown output format '" + name + "'; expected one of " + String.join(", ", flags()));
    }
}
