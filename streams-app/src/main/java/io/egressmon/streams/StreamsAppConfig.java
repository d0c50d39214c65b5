package io.egressmon.streams;

import io.egressmon.streams.talkers.TalkerSettings;
import io.egressmon.streams.talkers.TalkerTable;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Everything the streams app needs to start, in one typed place (docs/design.md, "Configuration").
 * Build it from {@link #defaults()} or {@link #fromEnv(Map)}, adjust with the withers (flags win over
 * the environment), and {@link #validate()} before use; {@link StreamsApp#start} validates too.
 *
 * @param bootstrapServers   Kafka bootstrap servers; no default here (the all-in-one launcher passes its embedded broker)
 * @param schemaRegistryUrl  Confluent-API schema registry; no default here either
 * @param applicationId      Kafka Streams {@code application.id}: instances with the same id share the work
 * @param stateDir           where the state stores live; null = a fresh temporary directory, removed on close
 * @param httpHost           address the REST API binds to
 * @param httpPort           REST API port; 0 = any free port (the advertised URL then uses the real one)
 * @param advertisedUrl      {@code http://host:port} other instances use to reach this one; null = {@code http://httpHost:port}
 * @param partitions         partitions of the pipeline's topics when this app creates them
 * @param replicationFactor  replication of the topics it creates and of Kafka Streams' internal topics
 * @param numStandbyReplicas Kafka Streams standby replicas per task (faster fail-over, more disk)
 * @param commitInterval     Kafka Streams {@code commit.interval.ms}; null = Kafka's default (100 ms with exactly-once)
 * @param copilotUrl         CoPilot's base URL, for the FlowIQ links in top-talkers answers; null = unknown (the links are empty)
 * @param talkersTopN        entries of each final hourly top-N the topology writes to {@code talkers.top-n}
 * @param talkersCapacity    IPs a talker table holds exactly before it turns approximate (Space-Saving)
 */
public record StreamsAppConfig(
        String bootstrapServers,
        String schemaRegistryUrl,
        String applicationId,
        Path stateDir,
        String httpHost,
        int httpPort,
        String advertisedUrl,
        int partitions,
        int replicationFactor,
        int numStandbyReplicas,
        Duration commitInterval,
        String copilotUrl,
        int talkersTopN,
        int talkersCapacity) {

    public static final String ENV_BOOTSTRAP_SERVERS = "EGRESSMON_BOOTSTRAP_SERVERS";
    public static final String ENV_SCHEMA_REGISTRY_URL = "EGRESSMON_SCHEMA_REGISTRY_URL";
    public static final String ENV_APPLICATION_ID = "EGRESSMON_APPLICATION_ID";
    public static final String ENV_STATE_DIR = "EGRESSMON_STATE_DIR";
    public static final String ENV_HTTP_HOST = "EGRESSMON_HTTP_HOST";
    public static final String ENV_HTTP_PORT = "EGRESSMON_HTTP_PORT";
    public static final String ENV_ADVERTISED_URL = "EGRESSMON_ADVERTISED_URL";
    public static final String ENV_PARTITIONS = "EGRESSMON_PARTITIONS";
    public static final String ENV_REPLICATION_FACTOR = "EGRESSMON_REPLICATION_FACTOR";
    public static final String ENV_NUM_STANDBY_REPLICAS = "EGRESSMON_NUM_STANDBY_REPLICAS";
    public static final String ENV_COMMIT_INTERVAL = "EGRESSMON_COMMIT_INTERVAL";
    /** The seed's two spellings of the CoPilot's address (the ingest reads the same ones). */
    public static final String ENV_COPILOT_URL = "COPILOT_URL";
    public static final String ENV_COPILOT_IP = "AVIATRIX_COPILOT_IP";
    public static final String ENV_TALKERS_TOP_N = "EGRESSMON_TALKERS_TOP_N";
    public static final String ENV_TALKERS_CAPACITY = "EGRESSMON_TALKERS_CAPACITY";
    /** CoPilot's FlowIQ page, relative to its base URL; it has no deep links, so answers give this and the IP. */
    public static final String FLOWIQ_PAGE = "/monitor/flow-iq/flowiq/overview";

    public static final String DEFAULT_APPLICATION_ID = "egressmon-streams";
    public static final String DEFAULT_HTTP_HOST = "127.0.0.1";
    public static final int DEFAULT_HTTP_PORT = 8080;
    public static final int DEFAULT_PARTITIONS = 6;

    /** Runs on one machine once Kafka and the registry are given: loopback REST on 8080, 6 partitions, RF 1. */
    public static StreamsAppConfig defaults() {
        return new StreamsAppConfig(null, null, DEFAULT_APPLICATION_ID, null, DEFAULT_HTTP_HOST, DEFAULT_HTTP_PORT,
                null, DEFAULT_PARTITIONS, 1, 0, null);
    }

    /** The settings before top talkers existed; those take their defaults (no CoPilot URL). */
    public StreamsAppConfig(String bootstrapServers, String schemaRegistryUrl, String applicationId, Path stateDir,
                            String httpHost, int httpPort, String advertisedUrl, int partitions, int replicationFactor,
                            int numStandbyReplicas, Duration commitInterval) {
        this(bootstrapServers, schemaRegistryUrl, applicationId, stateDir, httpHost, httpPort, advertisedUrl, partitions,
                replicationFactor, numStandbyReplicas, commitInterval, null, TalkerSettings.DEFAULT_TOP_N,
                TalkerTable.DEFAULT_CAPACITY);
    }

    /**
     * {@link #defaults()} overridden by the variables present (and not blank) in {@code env}; the
     * launcher passes the environment merged with its {@code --env} file.
     *
     * @throws IllegalArgumentException naming the variable whose value cannot be read
     */
    public static StreamsAppConfig fromEnv(Map<String, String> env) {
        StreamsAppConfig c = defaults();
        c = c.withBootstrapServers(text(env, ENV_BOOTSTRAP_SERVERS, c.bootstrapServers));
        c = c.withSchemaRegistryUrl(text(env, ENV_SCHEMA_REGISTRY_URL, c.schemaRegistryUrl));
        c = c.withApplicationId(text(env, ENV_APPLICATION_ID, c.applicationId));
        String stateDir = text(env, ENV_STATE_DIR, null);
        if (stateDir != null) {
            c = c.withStateDir(Path.of(stateDir));
        }
        c = c.withHttpHost(text(env, ENV_HTTP_HOST, c.httpHost));
        c = c.withHttpPort(parsed(env, ENV_HTTP_PORT, Integer::parseInt, "a port number (0-65535)", c.httpPort));
        c = c.withAdvertisedUrl(text(env, ENV_ADVERTISED_URL, c.advertisedUrl));
        c = c.withPartitions(parsed(env, ENV_PARTITIONS, Integer::parseInt, "a whole number ≥ 1", c.partitions));
        c = c.withReplicationFactor(parsed(env, ENV_REPLICATION_FACTOR, Integer::parseInt, "a whole number ≥ 1",
                c.replicationFactor));
        c = c.withNumStandbyReplicas(parsed(env, ENV_NUM_STANDBY_REPLICAS, Integer::parseInt, "a whole number ≥ 0",
                c.numStandbyReplicas));
        c = c.withCommitInterval(parsed(env, ENV_COMMIT_INTERVAL, Duration::parse, "an ISO-8601 duration such as PT1S",
                c.commitInterval));
        String url = text(env, ENV_COPILOT_URL, null);
        String ip = text(env, ENV_COPILOT_IP, null);
        if (url != null) {
            c = c.withCopilotUrl(copilotUrl(url, ENV_COPILOT_URL));
        } else if (ip != null) {
            c = c.withCopilotUrl(copilotUrl(ip, ENV_COPILOT_IP));
        }
        c = c.withTalkersTopN(parsed(env, ENV_TALKERS_TOP_N, Integer::parseInt, "a whole number 1-" + TalkerSettings.MAX_TOP_N,
                c.talkersTopN));
        c = c.withTalkersCapacity(parsed(env, ENV_TALKERS_CAPACITY, Integer::parseInt, "a whole number", c.talkersCapacity));
        return c;
    }

    public StreamsAppConfig withBootstrapServers(String v) {
        return new StreamsAppConfig(v, schemaRegistryUrl, applicationId, stateDir, httpHost, httpPort, advertisedUrl,
                partitions, replicationFactor, numStandbyReplicas, commitInterval, copilotUrl, talkersTopN,
                talkersCapacity);
    }

    public StreamsAppConfig withSchemaRegistryUrl(String v) {
        return new StreamsAppConfig(bootstrapServers, v, applicationId, stateDir, httpHost, httpPort, advertisedUrl,
                partitions, replicationFactor, numStandbyReplicas, commitInterval, copilotUrl, talkersTopN,
                talkersCapacity);
    }

    public StreamsAppConfig withApplicationId(String v) {
        return new StreamsAppConfig(bootstrapServers, schemaRegistryUrl, v, stateDir, httpHost, httpPort, advertisedUrl,
                partitions, replicationFactor, numStandbyReplicas, commitInterval, copilotUrl, talkersTopN,
                talkersCapacity);
    }

    public StreamsAppConfig withStateDir(Path v) {
        return new StreamsAppConfig(bootstrapServers, schemaRegistryUrl, applicationId, v, httpHost, httpPort,
                advertisedUrl, partitions, replicationFactor, numStandbyReplicas, commitInterval, copilotUrl,
                talkersTopN, talkersCapacity);
    }

    public StreamsAppConfig withHttpHost(String v) {
        return new StreamsAppConfig(bootstrapServers, schemaRegistryUrl, applicationId, stateDir, v, httpPort,
                advertisedUrl, partitions, replicationFactor, numStandbyReplicas, commitInterval, copilotUrl,
                talkersTopN, talkersCapacity);
    }

    public StreamsAppConfig withHttpPort(int v) {
        return new StreamsAppConfig(bootstrapServers, schemaRegistryUrl, applicationId, stateDir, httpHost, v,
                advertisedUrl, partitions, replicationFactor, numStandbyReplicas, commitInterval, copilotUrl,
                talkersTopN, talkersCapacity);
    }

    public StreamsAppConfig withAdvertisedUrl(String v) {
        return new StreamsAppConfig(bootstrapServers, schemaRegistryUrl, applicationId, stateDir, httpHost, httpPort, v,
                partitions, replicationFactor, numStandbyReplicas, commitInterval, copilotUrl, talkersTopN,
                talkersCapacity);
    }

    public StreamsAppConfig withPartitions(int v) {
        return new StreamsAppConfig(bootstrapServers, schemaRegistryUrl, applicationId, stateDir, httpHost, httpPort,
                advertisedUrl, v, replicationFactor, numStandbyReplicas, commitInterval, copilotUrl, talkersTopN,
                talkersCapacity);
    }

    public StreamsAppConfig withReplicationFactor(int v) {
        return new StreamsAppConfig(bootstrapServers, schemaRegistryUrl, applicationId, stateDir, httpHost, httpPort,
                advertisedUrl, partitions, v, numStandbyReplicas, commitInterval, copilotUrl, talkersTopN,
                talkersCapacity);
    }

    public StreamsAppConfig withNumStandbyReplicas(int v) {
        return new StreamsAppConfig(bootstrapServers, schemaRegistryUrl, applicationId, stateDir, httpHost, httpPort,
                advertisedUrl, partitions, replicationFactor, v, commitInterval, copilotUrl, talkersTopN,
                talkersCapacity);
    }

    public StreamsAppConfig withCommitInterval(Duration v) {
        return new StreamsAppConfig(bootstrapServers, schemaRegistryUrl, applicationId, stateDir, httpHost, httpPort,
                advertisedUrl, partitions, replicationFactor, numStandbyReplicas, v, copilotUrl, talkersTopN,
                talkersCapacity);
    }

    public StreamsAppConfig withCopilotUrl(String v) {
        return new StreamsAppConfig(bootstrapServers, schemaRegistryUrl, applicationId, stateDir, httpHost, httpPort,
                advertisedUrl, partitions, replicationFactor, numStandbyReplicas, commitInterval, v, talkersTopN,
                talkersCapacity);
    }

    public StreamsAppConfig withTalkersTopN(int v) {
        return new StreamsAppConfig(bootstrapServers, schemaRegistryUrl, applicationId, stateDir, httpHost, httpPort,
                advertisedUrl, partitions, replicationFactor, numStandbyReplicas, commitInterval, copilotUrl, v,
                talkersCapacity);
    }

    public StreamsAppConfig withTalkersCapacity(int v) {
        return new StreamsAppConfig(bootstrapServers, schemaRegistryUrl, applicationId, stateDir, httpHost, httpPort,
                advertisedUrl, partitions, replicationFactor, numStandbyReplicas, commitInterval, copilotUrl,
                talkersTopN, v);
    }

    /**
     * This configuration, if it can run.
     *
     * @throws IllegalArgumentException listing every problem and the variable (or flag) that fixes it
     */
    public StreamsAppConfig validate() {
        List<String> problems = new ArrayList<>();
        if (blank(bootstrapServers)) {
            problems.add("Kafka bootstrap servers are not set: give host:port[,host:port] in " + ENV_BOOTSTRAP_SERVERS
                    + " or --bootstrap-servers");
        }
        if (blank(schemaRegistryUrl)) {
            problems.add("schema registry URL is not set: give it in " + ENV_SCHEMA_REGISTRY_URL + " or --schema-registry-url");
        } else if (!isHttpUrl(schemaRegistryUrl)) {
            problems.add(ENV_SCHEMA_REGISTRY_URL + "='" + schemaRegistryUrl + "' is not an http(s) URL");
        }
        if (blank(applicationId) || !applicationId.matches("[A-Za-z0-9._-]+")) {
            problems.add(ENV_APPLICATION_ID + "='" + applicationId
                    + "' must be non-empty and use only letters, digits, '.', '_' and '-' (it names Kafka topics)");
        }
        if (blank(httpHost)) {
            problems.add(ENV_HTTP_HOST + " is empty: give the address to bind, e.g. 127.0.0.1");
        }
        if (httpPort < 0 || httpPort > 65535) {
            problems.add(ENV_HTTP_PORT + "=" + httpPort + " is not a port: use 0-65535 (0 = any free port)");
        }
        if (advertisedUrl != null) {
            String problem = advertisedUrlProblem(advertisedUrl);
            if (problem != null) {
                problems.add(ENV_ADVERTISED_URL + "='" + advertisedUrl + "' " + problem);
            }
        } else if (isWildcard(httpHost)) {
            problems.add(ENV_HTTP_HOST + "=" + httpHost + " binds every interface, which other instances cannot dial: set "
                    + ENV_ADVERTISED_URL + " to http://<reachable host>:<port>");
        }
        if (partitions < 1) {
            problems.add(ENV_PARTITIONS + "=" + partitions + " must be at least 1");
        }
        if (replicationFactor < 1 || replicationFactor > Short.MAX_VALUE) {
            problems.add(ENV_REPLICATION_FACTOR + "=" + replicationFactor + " must be at least 1 (and at most the brokers)");
        }
        if (numStandbyReplicas < 0) {
            problems.add(ENV_NUM_STANDBY_REPLICAS + "=" + numStandbyReplicas + " must be 0 or more");
        }
        if (commitInterval != null && (commitInterval.isZero() || commitInterval.isNegative())) {
            problems.add(ENV_COMMIT_INTERVAL + "=" + commitInterval + " must be positive, e.g. PT1S");
        }
        if (copilotUrl != null && !isHttpUrl(copilotUrl)) {
            problems.add("the CoPilot URL '" + copilotUrl + "' (" + ENV_COPILOT_URL + " or " + ENV_COPILOT_IP
                    + ") is not an http(s) URL");
        }
        if (talkersTopN < 1 || talkersTopN > TalkerSettings.MAX_TOP_N) {
            problems.add(ENV_TALKERS_TOP_N + "=" + talkersTopN + " must be between 1 and " + TalkerSettings.MAX_TOP_N);
        }
        if (talkersCapacity < TalkerSettings.MIN_CAPACITY || talkersCapacity > TalkerSettings.MAX_CAPACITY) {
            problems.add(ENV_TALKERS_CAPACITY + "=" + talkersCapacity + " must be between " + TalkerSettings.MIN_CAPACITY
                    + " and " + TalkerSettings.MAX_CAPACITY);
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid streams-app configuration: " + String.join("; ", problems));
        }
        return this;
    }

    /** The talkers topology's settings. @throws IllegalArgumentException when out of range (see {@link #validate()}) */
    public TalkerSettings talkers() {
        return new TalkerSettings(talkersCapacity, talkersTopN);
    }

    /**
     * CoPilot's FlowIQ page, {@code <copilot>/monitor/flow-iq/flowiq/overview}, or the empty string
     * when no CoPilot is configured (the reports' readers expect a string).
     */
    public String copilotFlowiqUrl() {
        return copilotUrl == null ? "" : copilotUrl + FLOWIQ_PAGE;
    }

    /**
     * A CoPilot address as the seed's {@code .env} files give it: a full URL, or a bare host (or
     * host:port) meaning {@code https://host}; trailing slashes dropped. Same rule as the ingest's.
     */
    static String copilotUrl(String value, String variable) {
        String v = value.trim();
        if (!v.contains("://")) {
            v = "https://" + v;
        }
        while (v.endsWith("/")) {
            v = v.substring(0, v.length() - 1);
        }
        if (!isHttpUrl(v)) {
            throw new IllegalArgumentException(variable + "='" + value
                    + "' is not a URL or host name: write e.g. https://copilot.example.com or copilot.example.com");
        }
        return v;
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

    private static boolean isHttpUrl(String url) {
        try {
            URI uri = new URI(url);
            return ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme())) && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static boolean isWildcard(String host) {
        return host != null && (host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]"));
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String text(Map<String, String> env, String name, String fallback) {
        String v = env.get(name);
        return v == null || v.isBlank() ? fallback : v.trim();
    }

    private static <T> T parsed(Map<String, String> env, String name, Function<String, T> parse, String expected, T fallback) {
        String v = text(env, name, null);
        if (v == null) {
            return fallback;
        }
        try {
            return parse.apply(v);
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new IllegalArgumentException(name + "='" + v + "' is not " + expected);
        }
    }
}
