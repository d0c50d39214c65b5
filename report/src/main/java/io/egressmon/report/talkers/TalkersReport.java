package io.egressmon.report.talkers;

import io.egressmon.report.ReportFormat;
import java.time.Instant;

/**
 * A FlowIQ top-talkers report: either the global ranking ({@link TopTalkersReport}, the seed's default)
 * or one ranking per spoke ({@link PerSpokeTalkersReport}, {@code --per-spoke}).
 */
public sealed interface TalkersReport permits TopTalkersReport, PerSpokeTalkersReport {
    /** The JSON {@code "mode"} of a global report. */
    String GLOBAL = "global";
    /** The JSON {@code "mode"} of a per-spoke report. */
    String PER_SPOKE = "per_spoke";

    /** Start of the period (inclusive). */
    Instant periodStart();

    /** End of the period (exclusive). */
    Instant periodEnd();

    /** The period's length in days, as the report prints it. */
    int periodDays();

    /** CoPilot's FlowIQ overview page, {@code <COPILOT_URL>/monitor/flow-iq/flowiq/overview}. */
    String copilotFlowiqUrl();

    /** How many rows each ranking was asked for; a ranking holds at most this many. */
    int top();

    /** {@link #GLOBAL} or {@link #PER_SPOKE}. */
    String mode();

    /**
     * The same report with another {@code top}; the rankings must fit in it. The REST answer does not
     * carry {@code top}, so the CLI sets the one it asked for (grouping cuts merged rankings to it).
     */
    TalkersReport withTop(int top);

    /** The report in {@code format}, exactly the bytes to write to stdout. */
    default String render(ReportFormat format) {
        return switch (format) {
            case TEXT -> TopTalkersText.write(this);
            case CSV -> TopTalkersCsv.write(this);
            case JSON -> TopTalkersJson.write(this);
        };
    }

    /** Parses the body of {@code GET /api/v1/top-talkers}; see {@link TopTalkersApiJson}. */
    static TalkersReport fromApiJson(String json) {
        return TopTalkersApiJson.read(json);
    }
}
