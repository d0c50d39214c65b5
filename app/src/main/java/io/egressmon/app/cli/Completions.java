package io.egressmon.app.cli;

import io.egressmon.api.GroupBy;
import io.egressmon.api.cost.CostGroupBy;
import io.egressmon.report.ReportFormat;
import java.util.ArrayList;

/** Value lists for help texts and shell completion, shared by the report commands. */
final class Completions {
    private Completions() {
    }

    /** The {@code --group-by} keys. */
    static final class GroupKeys extends ArrayList<String> {
        GroupKeys() {
            super(GroupBy.keys());
        }
    }

    /** The cost report's {@code --group-by} keys: bandwidth's and {@code cost_center}. */
    static final class CostGroupKeys extends ArrayList<String> {
        CostGroupKeys() {
            super(CostGroupBy.keys());
        }
    }

    /** The {@code --output} formats. */
    static final class OutputFormats extends ArrayList<String> {
        OutputFormats() {
            super(ReportFormat.flags());
        }
    }
}
