package io.egressmon.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.egressmon.config.Durations;
import io.egressmon.config.Kind;
import io.egressmon.config.Setting;
import io.egressmon.config.Settings;
import io.egressmon.ingest.IngestConfig;
import io.egressmon.ingest.netflow.CollectorSettings;
import io.egressmon.streams.StreamsAppConfig;
import io.egressmon.streams.alerts.BudgetSettings;
import io.egressmon.streams.cost.CostSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every documented setting reaches the component it configures, through the one parser, under each
 * of its names; durations read alike in both syntaxes; docs/design.md's table is the code's.
 */
@DisplayName("Every setting")
class ConfigurationTest {
    private static final Path DESIGN = Path.of("..", "docs", "design.md");
    private static final String BEGIN = "<!-- settings: generated from the code by ConfigurationTest; -Ddocs.update=true rewrites it -->\n";
    private static final String END = "<!-- settings: end -->\n";
    /** What the roles need to start at all; every value differs from every example. */
    private static final Map<String, String> BASELINE = Map.of("COPILOT_URL", "https://baseline.example.com",
            "USERNAME", "baseline-user", "PASSWORD", "baseline-password",
            "EGRESSMON_BOOTSTRAP_SERVERS", "baseline:9092", "EGRESSMON_SCHEMA_REGISTRY_URL", "http://baseline:8081");

    @TempDir
    static Path dir;

    /** The components the roles are made of, read from {@code settings}. */
    private static List<Object> components(Settings settings) {
        IngestConfig ingest = IngestConfig.from(settings);
        StreamsAppConfig streams = StreamsAppConfig.from(settings);
        var r = settings.reader();
        return List.of(ingest.kafka(), ingest.copilot(), ingest.poll(), ingest.flowiq(), streams, streams.kafka(),
                streams.talkers(), streams.flows(), streams.cost(), streams.budgets(), HealthEndpoint.from(r), RunSettings.from(r), RunCommand.check(settings).flows());
    }

    @TestFactory
    @DisplayName("reaches its component under each of its names")
    Stream<DynamicTest> reachesItsComponent() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Setting<?, ?> setting : Configuration.ALL) {
            for (String name : setting.alias() == null ? List.of(setting.name()) : List.of(setting.name(), setting.alias())) {
                tests.add(DynamicTest.dynamicTest(setting.component().getSimpleName() + " " + name,
                        () -> assertReaches(setting, name)));
            }
        }
        return tests.stream();
    }

    private static <C, T> void assertReaches(Setting<C, T> setting, String name) throws IOException {
        String example = setting.kind() == Kind.PATH && setting.name().endsWith("CA_FILE")
                ? Files.writeString(dir.resolve("ca.pem"), "-----BEGIN CERTIFICATE-----\n").toString()
                : setting == BudgetSettings.BUDGETS
                ? Files.writeString(dir.resolve("budgets.yaml"), "budgets: []\n").toString()
                : setting == CostSettings.PRICES
                ? Files.writeString(dir.resolve("prices.yaml"), "providers:\n  aws:\n    inter_az: {usd: 0.02}\n").toString()
                : setting.example();
        Map<String, String> values = new HashMap<>(BASELINE);
        values.remove(setting.name());
        values.put(name, example);
        T expected = setting.parse(example);
        assertNotEquals(setting.defaultValue(), expected, "the example of " + name + " is its default");
        int found = 0;
        for (Object component : components(Settings.of(values))) {
            if (setting.component().isInstance(component)) {
                assertEquals(expected, setting.value().apply(setting.component().cast(component)), name);
                found++;
            }
        }
        assertTrue(found > 0, name + " reaches no component of any role");
    }

    @Test
    @DisplayName("the collector role listens on every interface unless told otherwise; run on loopback")
    void collectorRoleListensEverywhere() {
        Settings plain = Settings.of(BASELINE);
        assertEquals("[/127.0.0.1:2055]", RunCommand.check(plain).flows().netflow().toString());
        CollectorSettings collect = CollectorSettings.from(CollectCommand.collectorDefaults(plain).reader());
        assertEquals("[/0.0.0.0:2055]", collect.netflow().toString());
        assertEquals("[/0.0.0.0:6343]", collect.sflow().toString());
        Settings given = plain.with(CollectorSettings.NETFLOW_LISTEN.name(), "[::1]:9995");
        assertEquals("[/[0:0:0:0:0:0:0:1]:9995]",
                CollectorSettings.from(CollectCommand.collectorDefaults(given).reader()).netflow().toString());
    }

    @TestFactory
    @DisplayName("of a duration reads 6h and PT6H alike")
    Stream<DynamicTest> durationsInBothSyntaxes() {
        return Configuration.ALL.stream()
                .filter(s -> s.defaultText() != null && s.defaultValue() instanceof Duration
                        || s.parse(s.example()) instanceof Duration)
                .map(s -> DynamicTest.dynamicTest(s.name(), () -> {
                    Duration d = (Duration) s.parse(s.example());
                    assertEquals(d, s.parse(d.toString()), d.toString());
                    assertEquals(d, s.parse(Durations.show(d)), Durations.show(d));
                }));
    }

    @Test
    @DisplayName("is in docs/design.md's table, exactly as the code declares it")
    void documented() throws IOException {
        String design = Files.readString(DESIGN, StandardCharsets.UTF_8);
        int begin = design.indexOf(BEGIN);
        int end = design.indexOf(END);
        assertTrue(begin >= 0 && end > begin, "docs/design.md lacks the generated settings table markers");
        String table = Configuration.table();
        if (Boolean.getBoolean("docs.update")) {
            Files.writeString(DESIGN, design.substring(0, begin + BEGIN.length()) + table + design.substring(end),
                    StandardCharsets.UTF_8);
            return;
        }
        assertEquals(table, design.substring(begin + BEGIN.length(), end),
                "docs/design.md's settings table differs from the code; run with -Ddocs.update=true");
    }
}
