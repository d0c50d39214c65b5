package io.egressmon.ingest;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Everything the ingest role needs, in one typed place. Built from defaults, then the environment
 * ({@link #fromEnv}), then flags (the withers); {@link #validate()} says what to fix.
 *
 * @param copilotUrl        CoPilot's base URL; a bare host from {@code AVIATRIX_COPILOT_IP} becomes {@code https://host}
 * @param password          never logged: its {@code toString()} is {@code ***}
 * @param insecure          trust any certificate and any host name (logs a warning); off by default
 * @param caFile            PEM bundle of the CA(s) to trust instead of the JDK trust store; null = JDK trust store
 * @param bootstrapServers  Kafka; null until the launcher fills in the embedded broker
 * @param schemaRegistryUrl Confluent-API registry; null until the launcher fills in the embedded one
 * @param pollInterval      how often the counter poller wakes up once it has caught up
 * @param backfill          history read on the very first start (no watermarks yet)
 * @param backfillSlice     the coarse slice used while more than one slice behind
 * @param bisectMinSlice    a reset is pinned down to a slice no longer than this
 * @param batchSize         gateways per performance POST
 * @param maxConcurrency    CoPilot requests in flight at most
 * @param requestTimeout    per HTTP request, from send to the whole answer
 * @param maxAttempts       tries per call on 5xx, timeouts and I/O errors (a re-login is not a try)
 * @param retryBaseDelay    first back-off; doubles per try, with jitter, up to {@code retryMaxDelay}
 * @param inventoryInterval how often the gateway inventory is refreshed
 * @param transactionalId   Kafka transactional.id of the counter producer: one live ingest per id
 */
public record IngestConfig(URI copilotUrl, String username, Secret password, boolean insecure, Path caFile,
                           String bootstrapServers, String schemaRegistryUrl, Duration pollInterval,
                           Duration backfill, Duration backfillSlice, Duration bisectMinSlice, int batchSize,
                           int maxConcurrency, Duration requestTimeout, int maxAttempts, Duration retryBaseDelay,
                           Duration retryMaxDelay, Duration inventoryInterval, String transactionalId,
                           int partitions, short replicationFactor, FlowiqSettings flowiq) {

    public static final String ENV_COPILOT_URL = "COPILOT_URL";
    public static final String ENV_COPILOT_IP = "AVIATRIX_COPILOT_IP";
    public static final String ENV_USERNAME = "USERNAME";
    public static final String ENV_AVIATRIX_USERNAME = "AVIATRIX_USERNAME";
    public static final String ENV_PASSWORD = "PASSWORD";
    public static final String ENV_AVIATRIX_PASSWORD = "AVIATRIX_PASSWORD";
    public static final String ENV_CA_FILE = "EGRESSMON_COPILOT_CA_FILE";
    public static final String ENV_INSECURE = "EGRESSMON_COPILOT_INSECURE";
    public static final String ENV_BOOTSTRAP_SERVERS = "EGRESSMON_BOOTSTRAP_SERVERS";
    public static final String ENV_SCHEMA_REGISTRY_URL = "EGRESSMON_SCHEMA_REGISTRY_URL";
    public static final String ENV_POLL_INTERVAL = "EGRESSMON_POLL_INTERVAL";
    public static final String ENV_BACKFILL = "EGRESSMON_BACKFILL";
    public static final String ENV_BACKFILL_SLICE = "EGRESSMON_BACKFILL_SLICE";
    public static final String ENV_BISECT_MIN_SLICE = "EGRESSMON_BISECT_MIN_SLICE";
    public static final String ENV_BATCH_SIZE = "EGRESSMON_BATCH_SIZE";
    public static final String ENV_MAX_CONCURRENCY = "EGRESSMON_MAX_CONCURRENCY";
    public static final String ENV_REQUEST_TIMEOUT = "EGRESSMON_REQUEST_TIMEOUT";
    public static final String ENV_MAX_ATTEMPTS = "EGRESSMON_MAX_ATTEMPTS";
    public static final String ENV_RETRY_BASE_DELAY = "EGRESSMON_RETRY_BASE_DELAY";
    public static final String ENV_RETRY_MAX_DELAY = "EGRESSMON_RETRY_MAX_DELAY";
    public static final String ENV_INVENTORY_INTERVAL = "EGRESSMON_INVENTORY_INTERVAL";
    public static final String ENV_TRANSACTIONAL_ID = "EGRESSMON_TRANSACTIONAL_ID";
    public static final String ENV_PARTITIONS = "EGRESSMON_PARTITIONS";
    public static final String ENV_REPLICATION_FACTOR = "EGRESSMON_REPLICATION_FACTOR";

    private static final Pattern ENV_KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_.]*");
    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

    /** Defaults that run; CoPilot, Kafka and the registry are left unset (null). */
    public static IngestConfig defaults() {
        return new IngestConfig(null, null, Secret.empty(), false, null, null, null,
                Duration.ofSeconds(60), Duration.ofDays(30), Duration.ofHours(6), Duration.ofSeconds(60),
                50, 8, Duration.ofSeconds(30), 6, Duration.ofMillis(500), Duration.ofSeconds(10),
                Duration.ofMinutes(5), "egressmon-ingest", 6, (short) 1, FlowiqSettings.defaults());
    }

    /**
     * Reads the settings from environment-style names over {@link #defaults()}. Both {@code .env}
     * conventions of the original scripts work: {@code COPILOT_URL/USERNAME/PASSWORD} and
     * {@code AVIATRIX_COPILOT_IP/AVIATRIX_USERNAME/AVIATRIX_PASSWORD}. When only one convention names
     * the CoPilot, its user and password names are preferred (an operating system may set
     * {@code USERNAME} on its own). Malformed values throw {@link IllegalArgumentException} naming
     * the variable.
     */
    public static IngestConfig fromEnv(Map<String, String> env) {
        IngestConfig c = defaults();
        String url = value(env, ENV_COPILOT_URL);
        String ip = value(env, ENV_COPILOT_IP);
        boolean aviatrixNames = url == null && ip != null;
        if (url != null) {
            c = c.withCopilotUrl(copilotUri(url, ENV_COPILOT_URL));
        } else if (ip != null) {
            c = c.withCopilotUrl(copilotUri(ip, ENV_COPILOT_IP));
        }
        String user = aviatrixNames ? first(env, ENV_AVIATRIX_USERNAME, ENV_USERNAME)
                : first(env, ENV_USERNAME, ENV_AVIATRIX_USERNAME);
        if (user != null) {
            c = c.withUsername(user);
        }
        String password = aviatrixNames ? first(env, ENV_AVIATRIX_PASSWORD, ENV_PASSWORD)
                : first(env, ENV_PASSWORD, ENV_AVIATRIX_PASSWORD);
        if (password != null) {
            c = c.withPassword(Secret.of(password));
        }
        if (value(env, ENV_INSECURE) != null) {
            c = c.withInsecure(parseBoolean(ENV_INSECURE, value(env, ENV_INSECURE)));
        }
        if (value(env, ENV_CA_FILE) != null) {
            c = c.withCaFile(Path.of(value(env, ENV_CA_FILE)));
        }
        if (value(env, ENV_BOOTSTRAP_SERVERS) != null) {
            c = c.withBootstrapServers(value(env, ENV_BOOTSTRAP_SERVERS));
        }
        if (value(env, ENV_SCHEMA_REGISTRY_URL) != null) {
            c = c.withSchemaRegistryUrl(value(env, ENV_SCHEMA_REGISTRY_URL));
        }
        c = c.withPollInterval(duration(env, ENV_POLL_INTERVAL, c.pollInterval()))
                .withBackfill(duration(env, ENV_BACKFILL, c.backfill()))
                .withBackfillSlice(duration(env, ENV_BACKFILL_SLICE, c.backfillSlice()))
                .withBisectMinSlice(duration(env, ENV_BISECT_MIN_SLICE, c.bisectMinSlice()))
                .withBatchSize(integer(env, ENV_BATCH_SIZE, c.batchSize()))
                .withMaxConcurrency(integer(env, ENV_MAX_CONCURRENCY, c.maxConcurrency()))
                .withRequestTimeout(duration(env, ENV_REQUEST_TIMEOUT, c.requestTimeout()))
                .withMaxAttempts(integer(env, ENV_MAX_ATTEMPTS, c.maxAttempts()))
                .withRetryBaseDelay(duration(env, ENV_RETRY_BASE_DELAY, c.retryBaseDelay()))
                .withRetryMaxDelay(duration(env, ENV_RETRY_MAX_DELAY, c.retryMaxDelay()))
                .withInventoryInterval(duration(env, ENV_INVENTORY_INTERVAL, c.inventoryInterval()))
                .withPartitions(integer(env, ENV_PARTITIONS, c.partitions()));
        if (value(env, ENV_TRANSACTIONAL_ID) != null) {
            c = c.withTransactionalId(value(env, ENV_TRANSACTIONAL_ID));
        }
        FlowiqSettings f = c.flowiq();
        if (value(env, FlowiqSettings.ENV_ENABLED) != null) {
            f = f.withEnabled(parseBoolean(FlowiqSettings.ENV_ENABLED, value(env, FlowiqSettings.ENV_ENABLED)));
        }
        c = c.withFlowiq(f.withSlice(duration(env, FlowiqSettings.ENV_SLICE, f.slice()))
                .withBackfillSlice(duration(env, FlowiqSettings.ENV_BACKFILL_SLICE, f.backfillSlice()))
                .withSize(integer(env, FlowiqSettings.ENV_SIZE, f.size()))
                .withSettle(duration(env, FlowiqSettings.ENV_SETTLE, f.settle())));
        int rf = integer(env, ENV_REPLICATION_FACTOR, c.replicationFactor());
        if (rf < 1 || rf > Short.MAX_VALUE) {
            throw new IllegalArgumentException(ENV_REPLICATION_FACTOR + "=" + rf + " is out of range: use 1 or more");
        }
        return c.withReplicationFactor((short) rf);
    }

    /**
     * A CoPilot address as the scripts accept it: a full URL, or a bare host (or host:port) that
     * means {@code https://host}. A trailing slash is dropped.
     */
    public static URI copilotUri(String value, String source) {
        String v = value.trim();
        if (!v.contains("://")) {
            v = "https://" + v;
        }
        while (v.endsWith("/")) {
            v = v.substring(0, v.length() - 1);
        }
        // Credentials in the URL would reach logs and messages with it: the value is shown redacted,
        // and a URL that carries any is refused.
        String shown = value.replaceAll("(?<=://)[^/@]*@", "***@");
        URI uri;
        try {
            uri = new URI(v);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(source + "='" + shown + "' is not a URL or host name");
        }
        if (uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException(source + "='" + shown + "' carries credentials: put them in "
                    + "USERNAME/PASSWORD (or AVIATRIX_USERNAME/AVIATRIX_PASSWORD) instead");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException(source + "='" + shown
                    + "' names no host: write e.g. https://copilot.example.com or copilot.example.com");
        }
        return uri;
    }

    /**
     * Parses a {@code .env} file: {@code KEY=VALUE} lines, blank lines and {@code #} comments, an
     * optional {@code export } prefix, values optionally in single or double quotes (double quotes
     * understand {@code \n}, {@code \"} and {@code \\}), and {@code  # comment} after an unquoted
     * value. Errors name the file and line but never echo the line (it may hold a password).
     */
    public static Map<String, String> readEnvFile(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read env file " + file + ": " + e, e);
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (i == 0 && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            line = line.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String where = "line " + (i + 1) + " of " + file;
            if (line.startsWith("export") && line.length() > 6 && Character.isWhitespace(line.charAt(6))) {
                line = line.substring(7).stripLeading();
            }
            int eq = line.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException(where + ": expected KEY=VALUE");
            }
            String key = line.substring(0, eq).strip();
            if (!ENV_KEY.matcher(key).matches()) {
                throw new IllegalArgumentException(where + ": '" + key + "' is not a variable name");
            }
            values.put(key, envValue(line.substring(eq + 1).strip(), where));
        }
        return values;
    }

    private static String envValue(String raw, String where) {
        if (raw.startsWith("\"")) {
            StringBuilder out = new StringBuilder();
            int i = 1;
            for (; i < raw.length(); i++) {
                char ch = raw.charAt(i);
                if (ch == '\\' && i + 1 < raw.length()) {
                    char next = raw.charAt(++i);
                    out.append(switch (next) {
                        case 'n' -> '\n';
                        case 't' -> '\t';
                        default -> next;
                    });
                } else if (ch == '"') {
                    break;
                } else {
                    out.append(ch);
                }
            }
            if (i >= raw.length()) {
                throw new IllegalArgumentException(where + ": the double quote is not closed");
            }
            requireOnlyComment(raw.substring(i + 1), where);
            return out.toString();
        }
        if (raw.startsWith("'")) {
            int close = raw.indexOf('\'', 1);
            if (close < 0) {
                throw new IllegalArgumentException(where + ": the single quote is not closed");
            }
            requireOnlyComment(raw.substring(close + 1), where);
            return raw.substring(1, close);
        }
        Matcher comment = Pattern.compile("\\s#").matcher(raw);
        return comment.find() ? raw.substring(0, comment.start()).strip() : raw;
    }

    private static void requireOnlyComment(String rest, String where) {
        String r = rest.strip();
        if (!r.isEmpty() && !r.startsWith("#")) {
            throw new IllegalArgumentException(where + ": unexpected text after the closing quote");
        }
    }

    /**
     * Checks every setting; the message of the {@link IllegalArgumentException} lists every problem
     * and which variable fixes it.
     */
    public IngestConfig validate() {
        List<String> problems = new ArrayList<>();
        if (copilotUrl == null) {
            problems.add("the CoPilot URL is not set: set " + ENV_COPILOT_URL + " (e.g. https://copilot.example.com) or "
                    + ENV_COPILOT_IP);
        } else if (!"https".equalsIgnoreCase(copilotUrl.getScheme()) && !"http".equalsIgnoreCase(copilotUrl.getScheme())) {
            problems.add("the CoPilot URL " + copilotUrl + " must start with https:// (or http://)");
        }
        if (username == null || username.isBlank()) {
            problems.add("the CoPilot user is not set: set " + ENV_USERNAME + " or " + ENV_AVIATRIX_USERNAME);
        }
        if (password == null || password.isEmpty()) {
            problems.add("the CoPilot password is not set: set " + ENV_PASSWORD + " or " + ENV_AVIATRIX_PASSWORD);
        }
        if (caFile != null) {
            if (insecure) {
                problems.add(ENV_INSECURE + "=true turns certificate checks off, so " + ENV_CA_FILE
                        + " would be ignored: set only one of them");
            }
            if (!Files.isRegularFile(caFile) || !Files.isReadable(caFile)) {
                problems.add(ENV_CA_FILE + "=" + caFile + " is not a readable file: point it at a PEM CA bundle");
            }
        }
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            problems.add("Kafka is not set: set " + ENV_BOOTSTRAP_SERVERS + " (host:port[,host:port])");
        }
        if (schemaRegistryUrl == null || schemaRegistryUrl.isBlank()) {
            problems.add("the schema registry is not set: set " + ENV_SCHEMA_REGISTRY_URL);
        }
        atLeast(problems, ENV_POLL_INTERVAL, pollInterval, Duration.ofMillis(100));
        atLeast(problems, ENV_BACKFILL, backfill, Duration.ZERO);
        atLeast(problems, ENV_BISECT_MIN_SLICE, bisectMinSlice, Duration.ofSeconds(1));
        atLeast(problems, ENV_BACKFILL_SLICE, backfillSlice, Duration.ofMinutes(1));
        if (backfillSlice != null && bisectMinSlice != null && backfillSlice.compareTo(bisectMinSlice) < 0) {
            problems.add(ENV_BACKFILL_SLICE + "=" + backfillSlice + " is shorter than " + ENV_BISECT_MIN_SLICE + "="
                    + bisectMinSlice + ": make the slice longer");
        }
        atLeast(problems, ENV_REQUEST_TIMEOUT, requestTimeout, Duration.ofMillis(100));
        atLeast(problems, ENV_RETRY_BASE_DELAY, retryBaseDelay, Duration.ZERO);
        atLeast(problems, ENV_RETRY_MAX_DELAY, retryMaxDelay, retryBaseDelay == null ? Duration.ZERO : retryBaseDelay);
        atLeast(problems, ENV_INVENTORY_INTERVAL, inventoryInterval, Duration.ofSeconds(1));
        positive(problems, ENV_BATCH_SIZE, batchSize);
        positive(problems, ENV_MAX_CONCURRENCY, maxConcurrency);
        positive(problems, ENV_MAX_ATTEMPTS, maxAttempts);
        positive(problems, ENV_PARTITIONS, partitions);
        positive(problems, ENV_REPLICATION_FACTOR, replicationFactor);
        if (transactionalId == null || transactionalId.isBlank()) {
            problems.add(ENV_TRANSACTIONAL_ID + " is empty: give the ingest a Kafka transactional id");
        }
        if (flowiq == null) {
            problems.add("the FlowIQ settings are not set");
        } else {
            flowiq.check(problems);
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid ingest configuration: " + String.join("; ", problems));
        }
        return this;
    }

    private static void atLeast(List<String> problems, String name, Duration value, Duration min) {
        if (value == null) {
            problems.add(name + " is not set");
        } else if (value.compareTo(min) < 0) {
            problems.add(name + "=" + value + " is too small: use at least " + min);
        }
    }

    private static void positive(List<String> problems, String name, int value) {
        if (value < 1) {
            problems.add(name + "=" + value + " must be 1 or more");
        }
    }

    private static String value(Map<String, String> env, String name) {
        String v = env.get(name);
        return v == null || v.isBlank() ? null : v.strip();
    }

    private static String first(Map<String, String> env, String preferred, String other) {
        String v = value(env, preferred);
        return v != null ? v : value(env, other);
    }

    private static boolean parseBoolean(String name, String v) {
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1", "on" -> true;
            case "false", "no", "0", "off" -> false;
            default -> throw new IllegalArgumentException(name + "='" + v + "' is not a boolean: use true or false");
        };
    }

    private static int integer(Map<String, String> env, String name, int fallback) {
        String v = value(env, name);
        if (v == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + "='" + v + "' is not a whole number");
        }
    }

    private static Duration duration(Map<String, String> env, String name, Duration fallback) {
        String v = value(env, name);
        return v == null ? fallback : parseDuration(name, v);
    }

    /** ISO-8601 ({@code PT60S}, {@code P30D}) or a short form: {@code 500ms}, {@code 60s}, {@code 5m}, {@code 6h}, {@code 30d}. */
    public static Duration parseDuration(String name, String v) {
        Matcher m = SHORT_DURATION.matcher(v.strip().toLowerCase(Locale.ROOT));
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        }
        try {
            return Duration.parse(v.strip().toUpperCase(Locale.ROOT));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(name + "='" + v + "' is not a duration: write e.g. PT60S, 60s, 6h or P30D");
        }
    }

    public IngestConfig withCopilotUrl(URI copilotUrl) {
        return new IngestConfig(copilotUrl, username, password, insecure, caFile, bootstrapServers, schemaRegistryUrl,
                pollInterval, backfill, backfillSlice, bisectMinSlice, batchSize, maxConcurrency, requestTimeout,
                maxAttempts, retryBaseDelay, retryMaxDelay, inventoryInterval, transactionalId, partitions, replicationFactor, flowiq);
    }

    public IngestConfig withCopilotUrl(String copilotUrl) {
        return withCopilotUrl(copilotUri(copilotUrl, "CoPilot URL"));
    }

    public IngestConfig withUsername(String username) {
        return new IngestConfig(copilotUrl, username, password, insecure, caFile, bootstrapServers, schemaRegistryUrl,
                pollInterval, backfill, backfillSlice, bisectMinSlice, batchSize, maxConcurrency, requestTimeout,
                maxAttempts, retryBaseDelay, retryMaxDelay, inventoryInterval, transactionalId, partitions, replicationFactor, flowiq);
    }

    public IngestConfig withPassword(Secret password) {
        return new IngestConfig(copilotUrl, username, password, insecure, caFile, bootstrapServers, schemaRegistryUrl,
                pollInterval, backfill, backfillSlice, bisectMinSlice, batchSize, maxConcurrency, requestTimeout,
                maxAttempts, retryBaseDelay, retryMaxDelay, inventoryInterval, transactionalId, partitions, replicationFactor, flowiq);
    }

    public IngestConfig withCredentials(String username, String password) {
        return withUsername(username).withPassword(Secret.of(password));
    }

    public IngestConfig withInsecure(boolean insecure) {
        return new IngestConfig(copilotUrl, username, password, insecure, caFile, bootstrapServers, schemaRegistryUrl,
                pollInterval, backfill, backfillSlice, bisectMinSlice, batchSize, maxConcurrency, requestTimeout,
                maxAttempts, retryBaseDelay, retryMaxDelay, inventoryInterval, transactionalId, partitions, replicationFactor, flowiq);
    }

    public IngestConfig withCaFile(Path caFile) {
        return new IngestConfig(copilotUrl, username, password, insecure, caFile, bootstrapServers, schemaRegistryUrl,
                pollInterval, backfill, backfillSlice, bisectMinSlice, batchSize, maxConcurrency, requestTimeout,
                maxAttempts, retryBaseDelay, retryMaxDelay, inventoryInterval, transactionalId, partitions, replicationFactor, flowiq);
    }

    public IngestConfig withBootstrapServers(String bootstrapServers) {
        return new IngestConfig(copilotUrl, username, password, insecure, caFile, bootstrapServers, schemaRegistryUrl,
                pollInterval, backfill, backfillSlice, bisectMinSlice, batchSize, maxConcurrency, requestTimeout,
                maxAttempts, retryBaseDelay, retryMaxDelay, inventoryInterval, transactionalId, partitions, replicationFactor, flowiq);
    }

    public IngestConfig withSchemaRegistryUrl(String schemaRegistryUrl) {
        return new IngestConfig(copilotUrl, username, password, insecure, caFile, bootstrapServers, schemaRegistryUrl,
                pollInterval, backfill, backfillSlice, bisectMinSlice, batchSize, maxConcurrency, requestTimeout,
                maxAttempts, retryBaseDelay, retryMaxDelay, inventoryInterval, transactionalId, partitions, replicationFactor, flowiq);
    }

    public IngestConfig withPollInterval(Duration pollInterval) {
        return new IngestConfig(copilotUrl, username, password, insecure, caFile, bootstrapServers, schemaRegistryUrl,
                pollInterval, backfill, backfillSlice, bisectMinSlice, batchSize, maxConcurrency, requestTimeout,
                maxAttempts, retryBaseDelay, retryMaxDelay, inventoryInterval, transactionalId, partitions, replicationFactor, flowiq);
    }

    public IngestConfig withBackfill(Duration backfill) {
        return new IngestConfig(copilotUrl, username, password, insecure, caFile, bootstrapServers, schemaRegistryUrl,
                pollInterval, backfill, backfillSlice, bisectMinSlice, batchSize, maxConcurrency, requestTimeout,
                maxAttempts, retryBaseDelay, retryMaxDelay, inventoryInterval, transactionalId, partitions, replicationFactor, flowiq);
    }

    public IngestConfig withBackfillSlice(Duration backfillSlice) {
        return new IngestConfig(copilotUrl, username, password, insecure, caFile, bootstrapServers, schemaRegistryUrl,
                pollInterval, backfill, backfillSlice, bisectMinSlice, batchSize, maxConcurrency, requestTimeout,
                maxAttempts, retryBaseDelay, retryMaxDelay, inventoryInterval, transactionalId, partitions, replicationFactor, flowiq);
    }

    public IngestConfig withBisectMinSlice(Duration bisectMinSlice) {
        return new IngestConfig(copilotUrl, username, password, insecure, caFile, bootstrapServers, schemaRegistryUrl,
                pollInterval, backfill, backfillSlice, bisectMinSlice, batchSize, maxConcurrency, requestTimeout,
                maxAttempts, retryBaseDelay, retryMaxDelay, inventoryInterval, transactionalId, partitions, replicationFactor, flowiq);
    }

    public IngestConfig withBatchSize(int batchSize) {
        return new IngestConfig(copilotUrl, username, password, insecure, caFile, bootstrapServers, schemaRegistryUrl,
                pollInterval, backfill, backfillSlice, bisectMinSlice, batchSize, maxConcurrency, requestTimeout,
                maxAttempts, retryBaseDelay, retryMaxDelay, inventoryInterval, transactionalId, partitions, replicationFactor, flowiq);
    }

    public IngestConfig withMaxConcurrency(int maxConcurrency) {
        return new IngestConfig(copilotUrl, username, password, insecure, caFile, bootstrapServers, schemaRegistryUrl,
                pollInterval, backfill, backfillSlice, bisectMinSlice, batchSize, maxConcurrency, requestTimeout,
                maxAttempts, retryBaseDelay, retryMaxDelay, inventoryInterval, transactionalId, partitions, replicationFactor, flowiq);
    }

    public IngestConfig withRequestTimeout(Duration requestTimeout) {
        return new IngestConfig(copilotUrl, username, password, insecure, caFile, bootstrapServers, schemaRegistryUrl,
                pollInterval, backfill, backfillSlice, bisectMinSlice, batchSize, maxConcurrency, requestTimeout,
                maxAttempts, retryBaseDelay, retryMaxDelay, inventoryInterval, transactionalId, partitions, replicationFactor, flowiq);
    }

    public IngestConfig withMaxAttempts(int maxAttempts) {
        return new IngestConfig(copilotUrl, username, password, insecure, caFile, bootstrapServers, schemaRegistryUrl,
                pollInterval, backfill, backfillSlice, bisectMinSlice, batchSize, maxConcurrency, requestTimeout,
                maxAttempts, retryBaseDelay, retryMaxDelay, inventoryInterval, transactionalId, partitions, replicationFactor, flowiq);
    }

    public IngestConfig withRetryBaseDelay(Duration retryBaseDelay) {
        return new IngestConfig(copilotUrl, username, password, insecure, caFile, bootstrapServers, schemaRegistryUrl,
                pollInterval, backfill, backfillSlice, bisectMinSlice, batchSize, maxConcurrency, requestTimeout,
                maxAttempts, retryBaseDelay, retryMaxDelay, inventoryInterval, transactionalId, partitions, replicationFactor, flowiq);
    }

    public IngestConfig withRetryMaxDelay(Duration retryMaxDelay) {
        return new IngestConfig(copilotUrl, username, password, insecure, caFile, bootstrapServers, schemaRegistryUrl,
                pollInterval, backfill, backfillSlice, bisectMinSlice, batchSize, maxConcurrency, requestTimeout,
                maxAttempts, retryBaseDelay, retryMaxDelay, inventoryInterval, transactionalId, partitions, replicationFactor, flowiq);
    }

    public IngestConfig withInventoryInterval(Duration inventoryInterval) {
        return new IngestConfig(copilotUrl, username, password, insecure, caFile, bootstrapServers, schemaRegistryUrl,
                pollInterval, backfill, backfillSlice, bisectMinSlice, batchSize, maxConcurrency, requestTimeout,
                maxAttempts, retryBaseDelay, retryMaxDelay, inventoryInterval, transactionalId, partitions, replicationFactor, flowiq);
    }

    public IngestConfig withTransactionalId(String transactionalId) {
        return new IngestConfig(copilotUrl, username, password, insecure, caFile, bootstrapServers, schemaRegistryUrl,
                pollInterval, backfill, backfillSlice, bisectMinSlice, batchSize, maxConcurrency, requestTimeout,
                maxAttempts, retryBaseDelay, retryMaxDelay, inventoryInterval, transactionalId, partitions, replicationFactor, flowiq);
    }

    public IngestConfig withPartitions(int partitions) {
        return new IngestConfig(copilotUrl, username, password, insecure, caFile, bootstrapServers, schemaRegistryUrl,
                pollInterval, backfill, backfillSlice, bisectMinSlice, batchSize, maxConcurrency, requestTimeout,
                maxAttempts, retryBaseDelay, retryMaxDelay, inventoryInterval, transactionalId, partitions, replicationFactor, flowiq);
    }

    public IngestConfig withReplicationFactor(short replicationFactor) {
        return new IngestConfig(copilotUrl, username, password, insecure, caFile, bootstrapServers, schemaRegistryUrl,
                pollInterval, backfill, backfillSlice, bisectMinSlice, batchSize, maxConcurrency, requestTimeout,
                maxAttempts, retryBaseDelay, retryMaxDelay, inventoryInterval, transactionalId, partitions, replicationFactor, flowiq);
    }

    public IngestConfig withFlowiq(FlowiqSettings flowiq) {
        return new IngestConfig(copilotUrl, username, password, insecure, caFile, bootstrapServers, schemaRegistryUrl,
                pollInterval, backfill, backfillSlice, bisectMinSlice, batchSize, maxConcurrency, requestTimeout,
                maxAttempts, retryBaseDelay, retryMaxDelay, inventoryInterval, transactionalId, partitions, replicationFactor, flowiq);
    }

    public IngestConfig withFlowiqEnabled(boolean enabled) {
        return withFlowiq(flowiq.withEnabled(enabled));
    }

    /** The Kafka transactional id of the FlowIQ producer: {@code transactionalId} + {@code -flowiq}. */
    public String flowiqTransactionalId() {
        return transactionalId + "-flowiq";
    }
}
