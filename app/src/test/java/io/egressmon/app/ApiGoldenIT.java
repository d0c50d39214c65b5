package io.egressmon.app;

import static org.junit.jupiter.api.Assertions.fail;

import io.egressmon.config.Settings;
import io.egressmon.config.KafkaSettings;
import io.egressmon.app.cli.ReportCommand;
import io.egressmon.avro.CounterSnapshot;
import io.egressmon.avro.FlowDirection;
import io.egressmon.avro.FlowBatch;
import io.egressmon.avro.Gateway;
import io.egressmon.avro.InterfaceCounters;
import io.egressmon.avro.SnapshotKind;
import io.egressmon.avro.TalkerBytes;
import io.egressmon.avro.TalkerRole;
import io.egressmon.embedded.EmbeddedKafka;
import io.egressmon.embedded.FreshTopics;
import io.egressmon.embedded.InMemorySchemaRegistry;
import io.egressmon.registry.SchemaRegistryClient;
import io.egressmon.schemas.Topic;
import io.egressmon.schemas.TopicSetup;
import io.egressmon.schemas.Topics;
import io.egressmon.streams.StreamsApp;
import io.egressmon.streams.StreamsAppConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * What a user sees, byte for byte: every REST endpoint's answer (JSON, CSV, errors, the internal
 * fan-out answers) from either of two streams-app instances, and the report CLI's text, CSV and JSON,
 * compared with the files under {@code src/test/resources/golden/}. The data is fixed (a week of
 * counters and talkers ending at a fixed "now" given to the instances as their clock), so the answers
 * are too. Run with {@code -Dgolden.update=true} to write the files anew after a deliberate change of
 * what users see; a refactoring must leave them as they are.
 */
@DisplayName("REST answers and report output match the golden files")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiGoldenIT {
    static final Instant NOW = Instant.parse("2026-11-10T10:37:12Z");
    private static final Instant FIRST_HOUR = Instant.parse("2026-11-03T00:00:00Z");
    private static final Instant FINE_FROM = Instant.parse("2026-11-10T08:00:00Z");
    private static final int PARTITIONS = 6;
    private static final Path GOLDEN = Path.of("src/test/resources/golden");
    private static final boolean UPDATE = Boolean.getBoolean("golden.update");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String WEEK = "from=2026-11-03T00:00:00Z&to=2026-11-10T00:00:00Z";
    private static final String ODD = "from=2026-11-04T06:30:00Z&to=2026-11-06T18:00:00Z";
    private static final String TALKER_DAYS = "from=2026-11-04T00:00:00Z&to=2026-11-07T00:00:00Z";

    private EmbeddedKafka kafka;
    private InMemorySchemaRegistry registry;
    private StreamsApp a;
    private StreamsApp b;
    /** What the test started, closed in reverse order. */
    private final Pipeline parts = new Pipeline();
    @TempDir
    static Path stateRoot;

    @BeforeAll
    void startAndProduce() {
        kafka = parts.add(EmbeddedKafka.start());
        registry = parts.add(InMemorySchemaRegistry.start("127.0.0.1", 0));
        createInputTopics();
        produce();
        a = parts.add(start("a"));
        b = parts.add(start("b"));
        awaitCaughtUp();
    }

    @AfterAll
    void stopAll() {
        parts.close();
    }

    /** Every public request, with the name of its golden file. */
    static Map<String, String> requests() {
        Map<String, String> r = new LinkedHashMap<>();
        r.put("bandwidth-week", "/api/v1/bandwidth?" + WEEK);
        r.put("bandwidth-odd-edges", "/api/v1/bandwidth?" + ODD);
        r.put("bandwidth-days-2", "/api/v1/bandwidth?days=2");
        r.put("bandwidth-default", "/api/v1/bandwidth");
        r.put("bandwidth-month", "/api/v1/bandwidth?month=11&year=2026");
        r.put("bandwidth-by-cloud", "/api/v1/bandwidth?" + WEEK + "&group_by=cloud");
        r.put("bandwidth-by-group", "/api/v1/bandwidth?days=1&group_by=group");
        r.put("bandwidth-by-account", "/api/v1/bandwidth?" + ODD + "&group_by=account");
        r.put("bandwidth-gateway", "/api/v1/bandwidth?" + WEEK + "&gateway=aws-spoke-a");
        r.put("bandwidth-gateway-reset", "/api/v1/bandwidth?" + WEEK + "&gateway=aws-spoke-b");
        r.put("bandwidth-gateway-not-in-inventory", "/api/v1/bandwidth?" + WEEK + "&gateway=ghost-gw");
        r.put("bandwidth-gateway-grouped", "/api/v1/bandwidth?days=3&gateway=azure-spoke-c&group_by=region");
        r.put("bandwidth-csv", "/api/v1/bandwidth?" + WEEK + "&format=csv");
        r.put("bandwidth-csv-grouped", "/api/v1/bandwidth?" + ODD + "&format=csv&group_by=cloud");
        r.put("bandwidth-csv-gateway", "/api/v1/bandwidth?days=2&format=csv&gateway=gcp-spoke-d");
        r.put("series-hourly", "/api/v1/bandwidth/series?gateway=aws-spoke-a&days=1");
        r.put("series-fine", "/api/v1/bandwidth/series?gateway=aws-spoke-b&from=2026-11-10T08:00:00Z&to=2026-11-10T10:10:00Z&step=5m");
        r.put("series-daily", "/api/v1/bandwidth/series?gateway=gcp-spoke-d&" + WEEK + "&step=1d");
        r.put("series-not-in-inventory", "/api/v1/bandwidth/series?gateway=ghost-gw&from=2026-11-09T00:00:00Z&to=2026-11-09T06:00:00Z&step=1h");
        r.put("gateways", "/api/v1/gateways");
        r.put("flows-talkers-global", "/api/v1/top-talkers?source=netflow&from=2026-11-10T07:00:00Z&to=2026-11-10T10:30:00Z");
        r.put("flows-talkers-minute-edges", "/api/v1/top-talkers?source=netflow&from=2026-11-10T07:58:00Z&to=2026-11-10T09:03:00Z&top=4");
        r.put("flows-talkers-per-spoke", "/api/v1/top-talkers?source=netflow&days=1&per_spoke=true&top=3");
        r.put("flows-talkers-gateway", "/api/v1/top-talkers?source=netflow&days=1&gateway=azure-spoke-c&top=5");
        r.put("flows-talkers-csv", "/api/v1/top-talkers?source=netflow&days=1&format=csv&top=3");
        r.put("coverage-hourly", "/api/v1/coverage?days=1");
        r.put("coverage-fine", "/api/v1/coverage?from=2026-11-10T09:00:00Z&to=2026-11-10T10:00:00Z&step=5m");
        r.put("coverage-gateway", "/api/v1/coverage?days=1&gateway=azure-spoke-c");
        r.put("error-coverage-step", "/api/v1/coverage?days=1&step=1d");
        r.put("error-coverage-fine-too-old", "/api/v1/coverage?days=7&step=5m");
        r.put("error-coverage-unknown-gateway", "/api/v1/coverage?days=1&gateway=nope");
        r.put("error-talkers-source", "/api/v1/top-talkers?source=sflow");
        r.put("talkers-global", "/api/v1/top-talkers?" + TALKER_DAYS);
        r.put("talkers-global-top-3", "/api/v1/top-talkers?" + TALKER_DAYS + "&top=3");
        r.put("talkers-days-2", "/api/v1/top-talkers?days=2");
        r.put("talkers-odd-edges", "/api/v1/top-talkers?from=2026-11-09T05:00:00Z&to=2026-11-10T09:30:00Z&top=4");
        r.put("talkers-per-spoke", "/api/v1/top-talkers?" + TALKER_DAYS + "&per_spoke=true&top=3");
        r.put("talkers-per-spoke-by-cloud", "/api/v1/top-talkers?" + TALKER_DAYS + "&per_spoke=true&group_by=cloud&top=3");
        r.put("talkers-global-by-region", "/api/v1/top-talkers?" + TALKER_DAYS + "&group_by=region&top=2");
        r.put("talkers-gateway", "/api/v1/top-talkers?" + TALKER_DAYS + "&gateway=azure-spoke-c&top=5");
        r.put("talkers-gateway-per-spoke", "/api/v1/top-talkers?" + TALKER_DAYS + "&gateway=ghost-gw&per_spoke=true&top=2");
        r.put("talkers-csv", "/api/v1/top-talkers?" + TALKER_DAYS + "&format=csv&top=4");
        r.put("talkers-csv-per-spoke", "/api/v1/top-talkers?" + TALKER_DAYS + "&format=csv&per_spoke=true&top=2");
        r.put("cost-week", "/api/v1/cost?" + WEEK);
        r.put("cost-by-account", "/api/v1/cost?" + ODD + "&group_by=account");
        r.put("cost-by-cost-center", "/api/v1/cost?days=2&group_by=cost_center");
        r.put("cost-gateway", "/api/v1/cost?days=2&gateway=aws-spoke-a");
        r.put("error-cost-center", "/api/v1/cost?days=2&cost_center=nope");
        r.put("error-cost-group-by", "/api/v1/cost?group_by=planet");
        r.put("health", "/health");
        r.put("ready", "/ready");
        r.put("error-days-zero", "/api/v1/bandwidth?days=0");
        r.put("error-days-text", "/api/v1/bandwidth?days=thirty");
        r.put("error-unknown-parameter", "/api/v1/bandwidth?day=30");
        r.put("error-two-periods", "/api/v1/bandwidth?days=3&month=1&year=2026");
        r.put("error-month-without-year", "/api/v1/bandwidth?month=1");
        r.put("error-to-before-from", "/api/v1/bandwidth?from=2026-11-05T00:00:00Z&to=2026-11-04T00:00:00Z");
        r.put("error-to-in-future", "/api/v1/bandwidth?from=2026-11-05T00:00:00Z&to=2026-12-04T00:00:00Z");
        r.put("error-from-garbage", "/api/v1/bandwidth?from=yesterday&to=2026-11-04T00:00:00Z");
        r.put("error-month-not-begun", "/api/v1/bandwidth?month=12&year=2026");
        r.put("error-group-by", "/api/v1/bandwidth?group_by=planet");
        r.put("error-format", "/api/v1/bandwidth?format=xml");
        r.put("error-given-twice", "/api/v1/bandwidth?days=3&days=4");
        r.put("error-empty-gateway", "/api/v1/bandwidth?gateway=");
        r.put("error-unknown-gateway", "/api/v1/bandwidth?" + WEEK + "&gateway=nope");
        r.put("error-series-without-gateway", "/api/v1/bandwidth/series?days=1");
        r.put("error-series-csv", "/api/v1/bandwidth/series?gateway=aws-spoke-a&format=csv");
        r.put("error-series-step", "/api/v1/bandwidth/series?gateway=aws-spoke-a&step=2h");
        r.put("error-series-fine-too-old", "/api/v1/bandwidth/series?gateway=aws-spoke-a&days=7&step=5m");
        r.put("error-series-too-many-points", "/api/v1/bandwidth/series?gateway=aws-spoke-a&days=60&step=5m");
        r.put("error-series-too-many-points-hourly", "/api/v1/bandwidth/series?gateway=aws-spoke-a&days=500&step=1h");
        r.put("error-series-unknown-gateway", "/api/v1/bandwidth/series?gateway=nope&days=1");
        r.put("error-gateways-parameter", "/api/v1/gateways?all=1");
        r.put("error-talkers-top", "/api/v1/top-talkers?top=0");
        r.put("error-talkers-per-spoke", "/api/v1/top-talkers?per_spoke=maybe");
        r.put("error-talkers-unknown-gateway", "/api/v1/top-talkers?" + TALKER_DAYS + "&gateway=nope");
        r.put("error-no-endpoint", "/api/v2/bandwidth");
        r.put("error-partial-missing", "/internal/v1/bandwidth/partial?from=2026-11-03T00:00:00Z");
        r.put("error-partial-partitions", "/internal/v1/bandwidth/partial?from=2026-11-03T00:00:00Z&to=2026-11-04T00:00:00Z"
                + "&fine_since=2026-11-08T11:37:12Z&partitions=x");
        r.put("error-talkers-partial-order", "/internal/v1/talkers/partial?from=2026-11-04T00:00:00Z&to=2026-11-03T00:00:00Z"
                + "&hourly_since=2026-10-06T11:37:12Z&partitions=0&top=3&per_spoke=false");
        return r;
    }

    @Test
    @DisplayName("every endpoint answers exactly as before, from either instance")
    void everyEndpoint() {
        List<String> mismatches = new ArrayList<>();
        requests().forEach((name, path) -> {
            String fromA = perInstance(path, normalise(exchange(a, "GET", path, null)));
            String fromB = perInstance(path, normalise(exchange(b, "GET", path, null)));
            if (!fromA.equals(fromB)) {
                mismatches.add(name + ": the two instances differ:\n" + fromA + "\n---\n" + fromB);
            }
            compare(name, fromA, mismatches);
        });
        compare("bandwidth-accept-csv", normalise(exchange(a, "GET", "/api/v1/bandwidth?" + WEEK, "text/csv")), mismatches);
        compare("error-method", normalise(exchange(a, "POST", "/api/v1/bandwidth", null)), mismatches);
        assertNoMismatch(mismatches);
    }

    @Test
    @DisplayName("the internal fan-out answers of every partition are as before")
    void internalPartials() {
        List<String> mismatches = new ArrayList<>();
        for (int p = 0; p < PARTITIONS; p++) {
            String bandwidth = "/internal/v1/bandwidth/partial?from=2026-11-04T06:30:00Z&to=2026-11-10T10:40:00Z"
                    + "&fine_since=2026-11-08T11:37:12Z&partitions=" + p;
            compare("partial-bandwidth-" + p, normalise(exchange(ownerOf(p, "spoke-bandwidth-1h"), "GET", bandwidth, null)),
                    mismatches);
            String talkers = "/internal/v1/talkers/partial?from=2026-11-04T00:00:00Z&to=2026-11-10T11:00:00Z"
                    + "&hourly_since=2026-10-06T11:37:12Z&partitions=" + p + "&top=2";
            StreamsApp owner = ownerOf(p, "talkers-1d");
            compare("partial-talkers-global-" + p, normalise(exchange(owner, "GET", talkers + "&per_spoke=false", null)),
                    mismatches);
            compare("partial-talkers-per-spoke-" + p, normalise(exchange(owner, "GET",
                    talkers + "&per_spoke=true&group_by=cloud", null)), mismatches);
        }
        assertNoMismatch(mismatches);
    }

    /** Report CLI invocations, with the name of their golden file. */
    static Map<String, List<String>> reports() {
        Map<String, List<String>> r = new LinkedHashMap<>();
        String from = "2026-11-03T00:00:00Z";
        String to = "2026-11-10T00:00:00Z";
        r.put("cli-bandwidth-text", List.of("bandwidth", "--from", from, "--to", to));
        r.put("cli-bandwidth-csv", List.of("bandwidth", "--from", from, "--to", to, "--output", "csv"));
        r.put("cli-bandwidth-json", List.of("bandwidth", "--from", from, "--to", to, "--output", "json"));
        r.put("cli-bandwidth-days", List.of("bandwidth", "--days", "2"));
        r.put("cli-bandwidth-month", List.of("bandwidth", "--month", "11", "--year", "2026", "--output", "json"));
        r.put("cli-bandwidth-by-cloud-text", List.of("bandwidth", "--from", from, "--to", to, "--group-by", "cloud"));
        r.put("cli-bandwidth-by-group-json", List.of("bandwidth", "--days", "1", "--group-by", "group", "--output", "json"));
        r.put("cli-bandwidth-gateway", List.of("bandwidth", "--days", "3", "--gateway", "aws-spoke-b"));
        r.put("cli-bandwidth-unknown-gateway", List.of("bandwidth", "--days", "3", "--gateway", "nope"));
        r.put("cli-bandwidth-bad-days", List.of("bandwidth", "--days", "0"));
        r.put("cli-talkers-text", List.of("top-talkers", "--from", "2026-11-04", "--to", "2026-11-07"));
        r.put("cli-talkers-csv", List.of("top-talkers", "--from", "2026-11-04", "--to", "2026-11-07", "--output", "csv", "--top", "4"));
        r.put("cli-talkers-json", List.of("top-talkers", "--days", "2", "--output", "json", "--top", "3"));
        r.put("cli-talkers-per-spoke", List.of("top-talkers", "--from", "2026-11-04", "--to", "2026-11-07", "--per-spoke", "--top", "3"));
        r.put("cli-talkers-per-spoke-csv", List.of("top-talkers", "--days", "7", "--per-spoke", "--top", "2", "--output", "csv"));
        r.put("cli-talkers-by-cloud", List.of("top-talkers", "--from", "2026-11-04", "--to", "2026-11-07", "--group-by", "cloud", "--top", "3"));
        r.put("cli-talkers-by-cloud-json", List.of("top-talkers", "--days", "7", "--group-by", "cloud", "--top", "2", "--output", "json"));
        r.put("cli-talkers-gateway", List.of("top-talkers", "--days", "7", "--gateway", "azure-spoke-c", "--top", "5"));
        r.put("cli-talkers-bad-top", List.of("top-talkers", "--top", "0"));
        r.put("cli-flows-talkers-text", List.of("top-talkers", "--days", "1", "--source", "netflow", "--top", "3"));
        r.put("cli-flows-talkers-json", List.of("top-talkers", "--days", "1", "--source", "netflow", "--per-spoke",
                "--top", "2", "--output", "json"));
        return r;
    }

    @Test
    @DisplayName("the report CLI prints exactly what it printed before")
    void reportCli() {
        List<String> mismatches = new ArrayList<>();
        reports().forEach((name, args) -> {
            List<String> withUrl = new ArrayList<>(args);
            withUrl.add("--url");
            withUrl.add(b.url());
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            CommandLine cli = new CommandLine(new ReportCommand());
            cli.setOut(new PrintWriter(out, true));
            cli.setErr(new PrintWriter(err, true));
            int exit = cli.execute(withUrl.toArray(String[]::new));
            String usageFree = err.toString().lines().takeWhile(line -> !line.startsWith("Usage:"))
                    .collect(Collectors.joining("\n"));
            compare(name, normalise("exit " + exit + "\n--- stdout\n" + out + "\n--- stderr\n" + usageFree + "\n"), mismatches);
        });
        assertNoMismatch(mismatches);
    }

    private void compare(String name, String actual, List<String> mismatches) {
        Path file = GOLDEN.resolve(name + ".txt");
        try {
            if (UPDATE) {
                Files.createDirectories(GOLDEN);
                Files.writeString(file, actual, StandardCharsets.UTF_8);
                return;
            }
            if (!Files.exists(file)) {
                mismatches.add(name + ": no golden file " + file + " (run with -Dgolden.update=true to write it)");
                return;
            }
            String expected = Files.readString(file, StandardCharsets.UTF_8);
            if (!expected.equals(actual)) {
                mismatches.add(name + ": differs from " + file + firstDifference(expected, actual));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String firstDifference(String expected, String actual) {
        int i = 0;
        while (i < expected.length() && i < actual.length() && expected.charAt(i) == actual.charAt(i)) {
            i++;
        }
        int from = Math.max(0, i - 80);
        return " at character " + i + ":\n  expected …" + expected.substring(from, Math.min(expected.length(), i + 80))
                + "\n  actual   …" + actual.substring(from, Math.min(actual.length(), i + 80));
    }

    private static void assertNoMismatch(List<String> mismatches) {
        if (!mismatches.isEmpty()) {
            fail(mismatches.size() + " answer(s) changed:\n" + String.join("\n\n", mismatches));
        }
    }

    /** {@code /health} counts what each instance itself processed: its shape is compared, not its numbers. */
    private static String perInstance(String path, String text) {
        return path.equals("/health") ? text.replaceAll("\":[0-9]+", "\":<count>") : text;
    }

    /** The instances' ports are random, and which one hosts a partition is up to Kafka Streams. */
    private String normalise(String text) {
        return text.replace(a.url(), "<instance>").replace(b.url(), "<instance>");
    }

    /** Status, the headers a client reads, and the body; a 503 (a rebalance settling) is asked again. */
    private static String exchange(StreamsApp app, String method, String path, String accept) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(app.url() + path))
                    .timeout(Duration.ofSeconds(30))
                    .method(method, HttpRequest.BodyPublishers.noBody());
            if (accept != null) {
                request.header("Accept", accept);
            }
            HttpResponse<String> response;
            try {
                response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(method + " " + path + " failed", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            if (response.statusCode() == 503 && !path.equals("/ready") && System.nanoTime() < deadline) {
                PipelineHarness.sleep(Duration.ofMillis(500));
                continue;
            }
            StringBuilder text = new StringBuilder(method).append(' ').append(path).append('\n')
                    .append("status ").append(response.statusCode()).append('\n');
            for (String header : List.of("Content-Type", "Retry-After")) {
                response.headers().firstValue(header).ifPresent(v -> text.append(header).append(": ").append(v).append('\n'));
            }
            return text.append('\n').append(response.body()).append('\n').toString();
        }
    }

    /** The instance actively hosting partition {@code p} of {@code store}. */
    private StreamsApp ownerOf(int p, String store) {
        for (StreamsApp app : List.of(a, b)) {
            boolean hosts = app.streams().metadataForLocalThreads().stream()
                    .flatMap(t -> t.activeTasks().stream())
                    .anyMatch(task -> task.topicPartitions().stream().anyMatch(tp -> tp.partition() == p
                            && tp.topic().equals((store.startsWith("talkers") ? Topics.TALKER_BYTES : Topics.COUNTER_SNAPSHOTS).name())));
            if (hosts) {
                return app;
            }
        }
        throw new AssertionError("no instance hosts partition " + p + " of " + store);
    }

    private StreamsApp start(String name) {
        return StreamsApp.start(StreamsAppConfig.from(LocalParts.withKafka(Settings.of(Map.of(
                "COPILOT_URL", "https://cplt.example.com",
                StreamsAppConfig.HTTP_PORT.name(), "0",
                StreamsAppConfig.STATE_DIR.name(), stateRoot.resolve(name).toString(),
                KafkaSettings.PARTITIONS.name(), String.valueOf(PARTITIONS))), kafka, registry)),
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    /**
     * The input topics are made here with unlimited retention: the data is dated (November 2026) so
     * the answers are fixed, and the broker must not delete it as it ages.
     */
    private void createInputTopics() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            Map<String, String> keepForever = Map.of(TopicConfig.RETENTION_MS_CONFIG, "-1");
            admin.createTopics(List.of(
                    new NewTopic(Topics.COUNTER_SNAPSHOTS.name(), PARTITIONS, (short) 1).configs(keepForever),
                    new NewTopic(Topics.TALKER_BYTES.name(), PARTITIONS, (short) 1).configs(keepForever),
                    new NewTopic(Topics.FLOW_RECORDS.name(), PARTITIONS, (short) 1).configs(keepForever),
                    new NewTopic(Topics.INVENTORY.name(), PARTITIONS, (short) 1)
                            .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT))))
                    .all().get();
            TopicSetup.awaitLeaders(admin, List.of(Topics.COUNTER_SNAPSHOTS.name(), Topics.TALKER_BYTES.name(),
                    Topics.FLOW_RECORDS.name(), Topics.INVENTORY.name()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } catch (ExecutionException e) {
            throw new AssertionError("cannot create the input topics: " + e, e);
        }
    }

    private record Spoke(String name, String type, String account, String vpcId, String vpcName, String region,
                         String cloud, String transit, String group, List<String> tunnels) {
    }

    /**
     * Five spokes over four clouds (one with no traffic at all, one whose VPC name holds a comma and
     * a non-ASCII letter), a transit gateway, and a gateway that reports counters and talkers without
     * being in the inventory.
     */
    private static final List<Spoke> INVENTORY = List.of(
            new Spoke("aws-spoke-a", "spoke", "acct-prod", "vpc-0a1~~prod-vpc", "prod-vpc", "us-east-1", "AWS",
                    "transit-1", "prod", List.of("tun-A1", "tun-A2")),
            new Spoke("aws-spoke-b", "spoke", "acct-dev", "vpc-0b2", "vpc-0b2", "us-west-2", "AWS", "transit-1", "",
                    List.of("tun-B1")),
            new Spoke("azure-spoke-c", "spoke", "acct-prod", "vnet-c:rg-c:sub-c", "Caf\u00e9, main", "eastus", "Azure ARM",
                    "transit-2", "prod", List.of("tun-C1")),
            new Spoke("gcp-spoke-d", "spoke", "acct-data", "net-d~-~proj-d", "net-d", "us-central1", "Gcp", "transit-2",
                    "data", List.of("tun-D1", "tun-D2")),
            new Spoke("oci-spoke-idle", "spoke", "acct-dev", "ocid1.vcn.e", "vcn-e", "us-ashburn-1", "OCI", "transit-2",
                    "", List.of()),
            new Spoke("transit-1", "transit", "acct-prod", "vpc-t1", "vpc-t1", "us-east-1", "AWS", "", "", List.of()));

    /** Gateways that report data, in the order they report it. */
    private static final List<String> REPORTING = List.of("aws-spoke-a", "aws-spoke-b", "azure-spoke-c", "gcp-spoke-d",
            "ghost-gw");

    private void produce() {
        SchemaRegistryClient client = new SchemaRegistryClient(registry.url());
        Topic<String, Gateway> inventoryTopic = Topics.INVENTORY.bind(client);
        Topic<String, CounterSnapshot> snapshotsTopic = Topics.COUNTER_SNAPSHOTS.bind(client);
        Topic<String, TalkerBytes> talkersTopic = Topics.TALKER_BYTES.bind(client);
        String bootstrap = kafka.bootstrapServers();
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        try (KafkaProducer<String, Gateway> inventory = FreshTopics.orderedProducer(bootstrap, inventoryTopic);
             KafkaProducer<String, CounterSnapshot> snapshots = FreshTopics.orderedProducer(bootstrap, snapshotsTopic);
             KafkaProducer<String, TalkerBytes> talkers = FreshTopics.orderedProducer(bootstrap, talkersTopic);
             KafkaProducer<String, FlowBatch> flows = FreshTopics.orderedProducer(bootstrap, Topics.FLOW_RECORDS.bind(client))) {
            for (Spoke s : INVENTORY) {
                sent.add(inventory.send(new ProducerRecord<>(inventoryTopic.name(), s.name(), Gateway.newBuilder()
                        .setGwName(s.name()).setGwType(s.type()).setAccountName(s.account()).setVpcId(s.vpcId())
                        .setVpcName(s.vpcName()).setVpcRegion(s.region()).setVendorName(s.cloud())
                        .setTransitGwName(s.transit()).setGroupName(s.group()).setTunnelInterfaces(s.tunnels())
                        .setObservedAt(Instant.parse("2026-11-02T23:00:00Z")).build())));
            }
            produceCounters(snapshots, sent);
            produceTalkers(talkers, sent);
            GoldenFlows.produce(flows, sent);
            for (Future<RecordMetadata> f : sent) {
                f.get(); // a lost record would change every answer
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } catch (ExecutionException e) {
            throw new AssertionError("producing the test data failed: " + e, e);
        }
    }

    /**
     * Hourly readings from {@link #FIRST_HOUR}, then every 5 minutes from {@link #FINE_FROM} to 10:35,
     * of cumulative counters that grow by a fixed pattern per gateway and interface. aws-spoke-b
     * reboots at 2026-11-05T14:00 (its counters restart near zero), azure-spoke-c's tunnel carries more
     * than its eth0 in one hour (egress clamps), every gateway also reports the ignored OpenVPN tun0.
     */
    private static void produceCounters(KafkaProducer<String, CounterSnapshot> producer, List<Future<RecordMetadata>> sent) {
        List<Instant> instants = new ArrayList<>();
        for (Instant t = FIRST_HOUR; t.isBefore(FINE_FROM); t = t.plus(Duration.ofHours(1))) {
            instants.add(t);
        }
        for (Instant t = FINE_FROM; !t.isAfter(Instant.parse("2026-11-10T10:35:00Z")); t = t.plus(Duration.ofMinutes(5))) {
            instants.add(t);
        }
        Map<String, Map<String, long[]>> last = new TreeMap<>();
        Instant previous = null;
        for (Instant at : instants) {
            long minutes = previous == null ? 0 : Duration.between(previous, at).toMinutes();
            long step = at.getEpochSecond() / 300;
            for (int g = 0; g < REPORTING.size(); g++) {
                String gateway = REPORTING.get(g);
                Map<String, long[]> readings = last.computeIfAbsent(gateway, k -> new TreeMap<>());
                List<String> interfaces = new ArrayList<>(List.of("eth0", "tun0"));
                interfaces.addAll(tunnelsOf(gateway));
                for (int i = 0; i < interfaces.size(); i++) {
                    String name = interfaces.get(i);
                    long perMinute = name.equals("eth0") ? 4_000_000L * (g + 1) + 37_000L * (step % 11)
                            : 150_000L * (i + g + 1) + 1_000L * (step % 7);
                    if (gateway.equals("azure-spoke-c") && name.startsWith("tun-") && at.equals(Instant.parse("2026-11-06T09:00:00Z"))) {
                        perMinute = 40_000_000L;
                    }
                    long start = 5_000_000_000L * (g + 1);
                    long[] r = readings.computeIfAbsent(name, k -> new long[] {start, 3_000_000_000L});
                    r[0] += perMinute * minutes;
                    r[1] += perMinute * minutes * 2 / 3;
                    if (gateway.equals("aws-spoke-b") && at.equals(Instant.parse("2026-11-05T14:00:00Z"))
                            && !name.equals("tun0")) {
                        r[0] = 1_234_567L + i;
                        r[1] = 765_432L + i;
                    }
                }
                Map<String, InterfaceCounters> values = new LinkedHashMap<>();
                readings.forEach((name, v) -> values.put(name, new InterfaceCounters(v[0], v[1])));
                CounterSnapshot snapshot = CounterSnapshot.newBuilder().setGateway(gateway).setSampledAt(at)
                        .setSliceStart(previous == null ? at : previous).setSliceEnd(at)
                        .setKind(previous == null ? SnapshotKind.BASELINE : SnapshotKind.BACKFILL)
                        .setInterfaces(values).build();
                sent.add(producer.send(new ProducerRecord<>(Topics.COUNTER_SNAPSHOTS.name(), null, at.toEpochMilli(), gateway, snapshot)));
            }
            // The idle spoke is polled too but never has a reading: the ingest's PROGRESS mark.
            CounterSnapshot polled = CounterSnapshot.newBuilder().setGateway("oci-spoke-idle").setSampledAt(at)
                    .setSliceStart(previous == null ? at : previous).setSliceEnd(at).setKind(SnapshotKind.PROGRESS)
                    .setInterfaces(Map.of()).build();
            sent.add(producer.send(new ProducerRecord<>(Topics.COUNTER_SNAPSHOTS.name(), null, at.toEpochMilli(), "oci-spoke-idle", polled)));
            previous = at;
        }
        producer.flush();
    }

    private static List<String> tunnelsOf(String gateway) {
        return INVENTORY.stream().filter(s -> s.name().equals(gateway)).findFirst().map(Spoke::tunnels)
                .orElse(List.of("tun-G1"));
    }

    /**
     * FlowIQ answers: day slices from 2026-11-03 to 2026-11-09, then 15-minute slices up to 10:30 on
     * 2026-11-10; both roles and directions, addresses from pools shared by all spokes (one CGNAT peer),
     * byte counts from a fixed pattern without ties.
     */
    private static void produceTalkers(KafkaProducer<String, TalkerBytes> producer, List<Future<RecordMetadata>> sent) {
        List<Instant[]> slices = new ArrayList<>();
        for (Instant d = Instant.parse("2026-11-03T00:00:00Z"); d.isBefore(Instant.parse("2026-11-09T00:00:00Z"));
             d = d.plus(Duration.ofDays(1))) {
            slices.add(new Instant[] {d, d.plus(Duration.ofDays(1))});
        }
        for (Instant t = Instant.parse("2026-11-09T00:00:00Z"); t.isBefore(Instant.parse("2026-11-10T10:30:00Z"));
             t = t.plus(Duration.ofMinutes(15))) {
            slices.add(new Instant[] {t, t.plus(Duration.ofMinutes(15))});
        }
        List<String> externals = List.of("23.185.0.3", "52.94.236.248", "142.250.190.46", "104.16.132.229",
                "100.64.7.9", "13.107.42.14", "151.101.1.69", "185.199.108.153");
        List<String> internals = List.of("10.1.2.100", "10.1.2.101", "10.2.0.15", "172.16.4.4", "192.168.10.20",
                "10.3.3.3");
        long n = 0;
        for (Instant[] slice : slices) {
            for (int g = 0; g < REPORTING.size(); g++) {
                String gateway = REPORTING.get(g);
                for (TalkerRole role : TalkerRole.values()) {
                    List<String> pool = role == TalkerRole.EXTERNAL ? externals : internals;
                    for (FlowDirection direction : FlowDirection.values()) {
                        for (int k = 0; k < 3; k++) {
                            n++;
                            String ip = pool.get((int) ((n * 7 + g * 3 + k) % pool.size()));
                            long bytes = 1_000_003L * (n % 97 + 1) + 7_919L * g + 104_729L * k + n;
                            TalkerBytes value = TalkerBytes.newBuilder().setGateway(gateway).setSliceStart(slice[0])
                                    .setSliceEnd(slice[1]).setRole(role).setDirection(direction).setIp(ip).setBytes(bytes)
                                    .setTruncated(gateway.equals("gcp-spoke-d") && k == 2).setSource("flowiq").build();
                            sent.add(producer.send(new ProducerRecord<>(Topics.TALKER_BYTES.name(), null,
                                    slice[1].toEpochMilli(), gateway, value)));
                        }
                    }
                }
            }
        }
        producer.flush();
    }

    /** Until both instances have committed past every record and see the whole inventory. */
    private void awaitCaughtUp() {
        PipelineHarness.awaitStreamsCaughtUp(kafka.bootstrapServers(),
                List.of(Topics.COUNTER_SNAPSHOTS.name(), Topics.TALKER_BYTES.name(), Topics.FLOW_RECORDS.name()),
                Duration.ofMinutes(3));
        // The cost part reads what the counter part's commits wrote to its repartition topic.
        PipelineHarness.awaitStreamsCaughtUp(kafka.bootstrapServers(),
                List.of(StreamsAppConfig.DEFAULT_APPLICATION_ID + "-cost-by-account-repartition"), Duration.ofMinutes(1));
        for (StreamsApp app : List.of(a, b)) {
            PipelineHarness.await(() -> {
                String gateways = exchange(app, "GET", "/api/v1/gateways", null);
                return INVENTORY.stream().allMatch(s -> gateways.contains("\"" + s.name() + "\""));
            }, Duration.ofSeconds(60), () -> "instance " + app.url() + " does not see the whole inventory");
        }
    }
}
