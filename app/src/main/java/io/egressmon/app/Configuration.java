package io.egressmon.app;

import io.egressmon.config.KafkaSettings;
import io.egressmon.config.Setting;
import io.egressmon.ingest.FlowiqSettings;
import io.egressmon.ingest.netflow.CollectorSettings;
import io.egressmon.ingest.PollSettings;
import io.egressmon.ingest.copilot.CopilotSettings;
import io.egressmon.streams.StreamsAppConfig;
import io.egressmon.streams.alerts.BudgetSettings;
import io.egressmon.streams.cost.CostSettings;
import io.egressmon.streams.flows.FlowSettings;
import io.egressmon.streams.talkers.TalkerSettings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Every setting of every role, in the order docs/design.md lists them; the table there is
 * {@link #table()} (a test keeps the two the same). A name two components read (CoPilot's address:
 * the ingest polls it, the streams app links to it) is one row.
 */
final class Configuration {
    static final List<Setting<?, ?>> ALL = Stream.of(KafkaSettings.SETTINGS, CopilotSettings.SETTINGS,
                    PollSettings.SETTINGS, FlowiqSettings.SETTINGS, CollectorSettings.SETTINGS, HealthEndpoint.SETTINGS, StreamsAppConfig.SETTINGS,
                    TalkerSettings.SETTINGS, FlowSettings.SETTINGS, CostSettings.SETTINGS, BudgetSettings.SETTINGS,
                    RunSettings.SETTINGS)
            .<Setting<?, ?>>flatMap(List::stream)
            .toList();

    private Configuration() {
    }

    /** The markdown table of every environment name, what it sets, and its default. */
    static String table() {
        Map<String, Setting<?, ?>> byName = new LinkedHashMap<>();
        ALL.forEach(s -> byName.putIfAbsent(s.name(), s));
        List<String> lines = new ArrayList<>();
        lines.add("| environment | what it sets | default |");
        lines.add("|---|---|---|");
        for (Setting<?, ?> s : byName.values()) {
            String names = "`" + s.name() + "`" + (s.alias() == null ? "" : " or `" + s.alias() + "`");
            lines.add("| " + names + " | " + s.description() + " | "
                    + (s.defaultText() == null ? "—" : "`" + s.defaultText() + "`") + " |");
        }
        return String.join("\n", lines) + "\n";
    }
}
