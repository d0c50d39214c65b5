package io.egressmon.app.cli;

import io.egressmon.api.GroupBy;
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

    /** The {@code --output} formats. */
    static final class OutputFormats extends ArrayList<String> {
        OutputFormats() {
            super(ReportFormat.flags());
        }
    }
}
