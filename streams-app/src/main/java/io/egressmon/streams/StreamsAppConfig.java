package io.egressmon.streams;

import io.egressmon.config.CopilotAddress;
import io.egressmon.config.KafkaSettings;
import io.egressmon.config.Kind;
import io.egressmon.config.Setting;
import io.egressmon.config.Settings;
import io.egressmon.config.SettingsReader;
import io.egressmon.streams.alerts.BudgetSettings;
import io.egressmon.streams.alerts.webhook.WebhookSettings;
import io.egressmon.streams.cost.CostSettings;
import io.egressmon.streams.flows.FlowSettings;
import io.egressmon.streams.talkers.TalkerSettings;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Everything one streams-app instance needs, read by the one parser of {@code io.egressmon.config}
 * and checked at once ({@link #from}).
 *
 * @param stateDir           where the state stores live; null = a fresh temporary directory, removed on close
 * @param httpPort           REST API port; 0 = any free port (the advertised URL then uses the real one)
 * @param advertisedUrl      {@code http://host:port} other instances use to reach this one; null = {@code http://httpHost:port}
 * @param numStandbyReplicas Kafka Streams standby replicas per task (faster fail-over, more disk)
 * @param streamThreads      Kafka Streams stream threads of this instance (tasks are shared among them)
 * @param commitInterval     how often state and output are committed while the instance keeps up, so
 *                           how far behind queries may be; null = Kafka's default (100 ms with exactly-once)
 * @param catchUpCommitInterval how often while it catches up ({@link CommitPacer}): Kafka Streams'
 *                           {@code commit.interval.ms} when longer than {@code commitInterval}
 * @param copilotUrl         CoPilot's base URL, for the FlowIQ links in top-talkers answers; null = unknown (links empty)
 * @param rocksDbMemoryMib   the memory of all RocksDB stores of the instance together, MiB ({@link BoundedRocksDb})
 * @param cost               the price table the cost part prices egress with
 * @param budgets            where the budgets file is (read at start, against the inventory)
 * @param webhooks           where alerts are POSTed (none: no deliverer runs)
 */
public record StreamsAppConfig(KafkaSettings kafka, String applicationId, Path stateDir, String httpHost, int httpPort,
                               String advertisedUrl, int numStandbyReplicas, int streamThreads, Duration commitInterval,
                               Duration catchUpCommitInterval, URI copilotUrl,
                               int rocksDbMemoryMib, TalkerSettings talkers, FlowSettings flows, CostSettings cost,
                               BudgetSettings budgets, WebhookSettings webhooks) {

    public static final String DEFAULT_APPLICATION_ID = "egressmon-streams";
    /** The alert deliverer's consumer group is the application id with this after it. */
    public static final String WEBHOOKS_GROUP_SUFFIX = "-webhooks";
    /** CoPilot's FlowIQ page, relative to its base URL; it has no deep links, so answers give this and the IP. */
    public static final String FLOWIQ_PAGE = "/monitor/flow-iq/flowiq/overview";

    public static final Setting<StreamsAppConfig, String> APPLICATION_ID = Setting.of(StreamsAppConfig.class,
            "EGRESSMON_APPLICATION_ID", Kind.TEXT, DEFAULT_APPLICATION_ID, "egressmon-eu",
            "Kafka Streams application id: instances with the same id share the work", StreamsAppConfig::applicationId);
    public static final Setting<StreamsAppConfig, Path> STATE_DIR = Setting.of(StreamsAppConfig.class,
            "EGRESSMON_STATE_DIR", Kind.PATH, null, "/var/lib/egressmon",
            "where the state stores live; a temporary directory without it (`run`: DATA_DIR/streams)",
            StreamsAppConfig::stateDir);
    public static final Setting<StreamsAppConfig, String> HTTP_HOST = Setting.of(StreamsAppConfig.class,
            "EGRESSMON_HTTP_HOST", Kind.TEXT, "127.0.0.1", "10.0.0.5", "address the REST API binds to (flag --http-host)",
            StreamsAppConfig::httpHost);
    public static final Setting<StreamsAppConfig, Integer> HTTP_PORT = Setting.of(StreamsAppConfig.class,
            "EGRESSMON_HTTP_PORT", Kind.integer(0, 65535), "8080", "9000",
            "REST API port, 0 for any free one (flag --http-port)", StreamsAppConfig::httpPort);
    public static final Setting<StreamsAppConfig, String> ADVERTISED_URL = Setting.of(StreamsAppConfig.class,
            "EGRESSMON_ADVERTISED_URL", Kind.TEXT, null, "http://streams-1:8080",
            "URL other instances use to reach this one (flag --advertised-url); http://host:port by default",
            StreamsAppConfig::advertisedUrl);
    public static final Setting<StreamsAppConfig, Integer> NUM_STANDBY_REPLICAS = Setting.of(StreamsAppConfig.class,
            "EGRESSMON_NUM_STANDBY_REPLICAS", Kind.integer(0, 10), "0", "1", "Kafka Streams standby replicas per task",
            StreamsAppConfig::numStandbyReplicas);
    public static final Setting<StreamsAppConfig, Integer> STREAM_THREADS = Setting.of(StreamsAppConfig.class,
            "EGRESSMON_STREAM_THREADS", Kind.integer(1, 64), "1", "2",
            "Kafka Streams stream threads: up to one per core left over by the broker and the other roles; "
                    + "never more than the topics' partitions", StreamsAppConfig::streamThreads);
    public static final Setting<StreamsAppConfig, Duration> COMMIT_INTERVAL = Setting.of(StreamsAppConfig.class,
            "EGRESSMON_COMMIT_INTERVAL", Kind.duration(Duration.ofMillis(1)), "1s", "250ms",
            "Kafka Streams commit interval while the instance keeps up: answers may be this far behind; each commit writes "
                    + "every changed talker table whole",
            StreamsAppConfig::commitInterval);
    public static final Setting<StreamsAppConfig, Duration> CATCHUP_COMMIT_INTERVAL = Setting.of(StreamsAppConfig.class,
            "EGRESSMON_CATCHUP_COMMIT_INTERVAL", Kind.duration(Duration.ofMillis(1)), "15s", "1m",
            "Commit interval while the instance catches up — from more than 10 000 input records behind until none "
                    + "are left, or at most 1 000 for EGRESSMON_COMMIT_INTERVAL (a backfill, a restart after an outage): "
                    + "fewer, larger transactions; at most EGRESSMON_COMMIT_INTERVAL turns it off",
            StreamsAppConfig::catchUpCommitInterval);
    public static final Setting<StreamsAppConfig, URI> COPILOT_URL = Setting.of(StreamsAppConfig.class, "COPILOT_URL",
            CopilotAddress.KIND, null, "cplt.example.com", "CoPilot's address, for the FlowIQ links of top-talkers answers",
            StreamsAppConfig::copilotUrl).orAlias("AVIATRIX_COPILOT_IP");
    public static final Setting<StreamsAppConfig, Integer> ROCKSDB_MEMORY = Setting.of(StreamsAppConfig.class,
            "EGRESSMON_ROCKSDB_MEMORY_MIB", Kind.integer(16, 1 << 20), "64", "256",
            "MiB of memory for all RocksDB state stores of an instance: one block cache, memtables charged to it (half at most)",
            StreamsAppConfig::rocksDbMemoryMib);
    public static final List<Setting<StreamsAppConfig, ?>> SETTINGS = List.of(APPLICATION_ID, STATE_DIR, HTTP_HOST,
            HTTP_PORT, ADVERTISED_URL, NUM_STANDBY_REPLICAS, STREAM_THREADS, COMMIT_INTERVAL, CATCHUP_COMMIT_INTERVAL,
            COPILOT_URL, ROCKSDB_MEMORY);

    public StreamsAppConfig {
        Objects.requireNonNull(kafka, "kafka");
        Objects.requireNonNull(applicationId, "applicationId");
        Objects.requireNonNull(httpHost, "httpHost");
        Objects.requireNonNull(talkers, "talkers");
        Objects.requireNonNull(flows, "flows");
        Objects.requireNonNull(cost, "cost");
        Objects.requireNonNull(budgets, "budgets");
        Objects.requireNonNull(webhooks, "webhooks");
    }

    /**
     * An instance's configuration from {@code settings}.
     *
     * @throws io.egressmon.config.ConfigException listing every problem and the setting that fixes it
     */
    public static StreamsAppConfig from(Settings settings) {
        SettingsReader r = settings.reader();
        return r.check("streams-app", read(r));
    }

    /** Reads and checks the settings, leaving the problems in {@code r} (for a role that reads more). */
    public static StreamsAppConfig read(SettingsReader r) {
        StreamsAppConfig c = new StreamsAppConfig(KafkaSettings.from(r), r.get(APPLICATION_ID), r.get(STATE_DIR),
                r.get(HTTP_HOST), r.get(HTTP_PORT), r.get(ADVERTISED_URL), r.get(NUM_STANDBY_REPLICAS), r.get(STREAM_THREADS),
                r.get(COMMIT_INTERVAL), r.get(CATCHUP_COMMIT_INTERVAL), r.get(COPILOT_URL), r.get(ROCKSDB_MEMORY), TalkerSettings.from(r),
                FlowSettings.from(r), CostSettings.from(r), BudgetSettings.from(r), WebhookSettings.from(r));
        if (!c.applicationId.matches("[A-Za-z0-9._-]+")) {
            r.problem(APPLICATION_ID.name() + "='" + c.applicationId
                    + "' may use only letters, digits, '.', '_' and '-' (it names Kafka topics)");
        }
        // Kafka Streams refuses a commit interval above the transaction timeout: a transaction open
        // that long would be aborted by the coordinator.
        Duration slowest = c.paced() ? c.catchUpCommitInterval : c.commitInterval;
        if (slowest != null && slowest.compareTo(StreamsApp.OUTAGE_BRIDGED) >= 0) {
            Setting<StreamsAppConfig, Duration> setting = c.paced() ? CATCHUP_COMMIT_INTERVAL : COMMIT_INTERVAL;
            r.problem(setting.name() + "=" + slowest + " must be under " + StreamsApp.OUTAGE_BRIDGED
                    + " (Kafka Streams' transaction timeout, within which a transaction must commit)");
        }
        if (c.advertisedUrl != null) {
            String problem = advertisedUrlProblem(c.advertisedUrl);
            if (problem != null) {
                r.problem(ADVERTISED_URL.name() + "='" + c.advertisedUrl + "' " + problem);
            }
        } else if (isWildcard(c.httpHost)) {
            r.problem(HTTP_HOST.name() + "=" + c.httpHost + " binds every interface, which other instances cannot dial: set "
                    + ADVERTISED_URL.name() + " to http://<reachable host>:<port>");
        }
        return c;
    }

    /**
     * Kafka Streams' {@code commit.interval.ms}: the catch-up interval when it is the longer one (the
     * live one is then asked for by {@link CommitPacer}), else the live one; null = Kafka's default.
     */
    public Duration kafkaCommitInterval() {
        if (commitInterval == null || !paced()) {
            return commitInterval;
        }
        return catchUpCommitInterval;
    }

    /** Whether commits are paced: a catch-up interval longer than the live one. */
    public boolean paced() {
        return commitInterval != null && catchUpCommitInterval != null && catchUpCommitInterval.compareTo(commitInterval) > 0;
    }

    /**
     * CoPilot's FlowIQ page, {@code <copilot>/monitor/flow-iq/flowiq/overview}, or the empty string
     * when no CoPilot is configured (the reports' readers expect a string).
     */
    public String copilotFlowiqUrl() {
        return copilotUrl == null ? "" : copilotUrl + FLOWIQ_PAGE;
    }

    /** The advertised URL once the REST server listens on {@code actualPort}. */
    public String advertisedUrlFor(int actualPort) {
        if (advertisedUrl != null) {
            return advertisedUrl.endsWith("/") ? advertisedUrl.substring(0, advertisedUrl.length() - 1) : advertisedUrl;
        }
        String host = httpHost.contains(":") && !httpHost.startsWith("[") ? "[" + httpHost + "]" : httpHost;
        return "http://" + host + ":" + actualPort;
    }

    /** Null when {@code url} can be advertised: http, a host, no path (other instances append theirs). */
    static String advertisedUrlProblem(String url) {
        try {
            URI uri = new URI(url);
            if (!"http".equalsIgnoreCase(uri.getScheme())) {
                return "must be an http:// URL (instances call each other over plain HTTP)";
            }
            if (uri.getHost() == null) {
                return "has no host";
            }
            String path = uri.getPath();
            if ((path != null && !path.isEmpty() && !path.equals("/")) || uri.getQuery() != null) {
                return "must not have a path or query: give http://host:port";
            }
            return null;
        } catch (URISyntaxException e) {
            return "is not a URL: " + e.getMessage();
        }
    }

    private static boolean isWildcard(String host) {
        return host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]");
    }
}
