package io.egressmon.report;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The seed's {@code --output} choices for the bandwidth report. */
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

    /** The report in this format, exactly the bytes to write to stdout. */
    public String render(BandwidthReport report) {
        return switch (this) {
            case TEXT -> BandwidthText.write(report);
            case CSV -> BandwidthCsv.write(report);
            case JSON -> BandwidthJson.write(report);
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
