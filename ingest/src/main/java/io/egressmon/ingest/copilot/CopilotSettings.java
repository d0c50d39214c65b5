package io.egressmon.ingest.copilot;

import io.egressmon.config.CopilotAddress;
import io.egressmon.config.Kind;
import io.egressmon.config.Secret;
import io.egressmon.config.Setting;
import io.egressmon.config.SettingsReader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What a {@link CopilotClient} needs to know, and nothing more, read from the settings. Both naming
 * conventions of the original scripts' {@code .env} files work ({@code COPILOT_URL/USERNAME/PASSWORD}
 * and {@code AVIATRIX_COPILOT_IP/AVIATRIX_USERNAME/AVIATRIX_PASSWORD}); when only the Aviatrix name
 * gives the CoPilot, its user and password names win (an operating system may set {@code USERNAME} on
 * its own). TLS certificates are verified unless {@code insecure}.
 *
 * @param url            CoPilot's base URL
 * @param requestTimeout per HTTP request, from sending it to having the whole answer
 * @param maxConcurrency CoPilot calls in flight at most
 * @param maxResponseBytes the longest answer read; a longer one fails its call ({@link BadAnswerReason#BODY_TOO_LARGE})
 */
public record CopilotSettings(URI url, CopilotCredentials credentials, CopilotTls tls, Duration requestTimeout,
                              int maxConcurrency, RetryPolicy retry, int maxResponseBytes) {

    public static final Setting<CopilotSettings, URI> URL = Setting.of(CopilotSettings.class, "COPILOT_URL",
            CopilotAddress.KIND, null, "cplt.example.com",
            "CoPilot's address (a bare host means https://host); `run` uses the built-in simulator without it",
            CopilotSettings::url).orAlias("AVIATRIX_COPILOT_IP");
    public static final Setting<CopilotSettings, String> USERNAME = Setting.of(CopilotSettings.class, "USERNAME",
            Kind.TEXT, null, "admin", "CoPilot user", (CopilotSettings c) -> c.credentials().username())
            .orAlias("AVIATRIX_USERNAME");
    public static final Setting<CopilotSettings, Secret> PASSWORD = Setting.of(CopilotSettings.class, "PASSWORD",
            Kind.SECRET, null, "s3cret", "CoPilot password (never logged)",
            (CopilotSettings c) -> c.credentials().password()).orAlias("AVIATRIX_PASSWORD");
    public static final Setting<CopilotSettings, Boolean> INSECURE = Setting.of(CopilotSettings.class,
            "EGRESSMON_COPILOT_INSECURE", Kind.BOOLEAN, "false", "true",
            "do not verify CoPilot's certificate (flag --insecure; logged as a warning)",
            (CopilotSettings c) -> c.tls().insecure());
    public static final Setting<CopilotSettings, Path> CA_FILE = Setting.of(CopilotSettings.class,
            "EGRESSMON_COPILOT_CA_FILE", Kind.PATH, null, "ca.pem",
            "PEM CA bundle to trust for CoPilot instead of the JDK's (flag --ca-file)",
            (CopilotSettings c) -> c.tls().caFile());
    public static final Setting<CopilotSettings, Duration> REQUEST_TIMEOUT = Setting.of(CopilotSettings.class,
            "EGRESSMON_REQUEST_TIMEOUT", Kind.duration(Duration.ofMillis(100)), "30s", "1m",
            "one CoPilot request, from sending it to the whole answer", CopilotSettings::requestTimeout);
    public static final Setting<CopilotSettings, Integer> MAX_CONCURRENCY = Setting.of(CopilotSettings.class,
            "EGRESSMON_MAX_CONCURRENCY", Kind.integer(1, 1000), "8", "4", "CoPilot requests in flight at most",
            CopilotSettings::maxConcurrency);
    public static final Setting<CopilotSettings, Integer> MAX_ATTEMPTS = Setting.of(CopilotSettings.class,
            "EGRESSMON_MAX_ATTEMPTS", Kind.integer(1, 100), "6", "3",
            "tries per CoPilot call on 5xx, timeouts and I/O errors", (CopilotSettings c) -> c.retry().maxAttempts());
    public static final Setting<CopilotSettings, Duration> RETRY_BASE_DELAY = Setting.of(CopilotSettings.class,
            "EGRESSMON_RETRY_BASE_DELAY", Kind.duration(Duration.ZERO), "500ms", "1s",
            "first back-off; it doubles per try, with jitter", (CopilotSettings c) -> c.retry().baseDelay());
    public static final Setting<CopilotSettings, Duration> RETRY_MAX_DELAY = Setting.of(CopilotSettings.class,
            "EGRESSMON_RETRY_MAX_DELAY", Kind.duration(Duration.ZERO), "10s", "30s", "longest back-off",
            (CopilotSettings c) -> c.retry().maxDelay());
    public static final Setting<CopilotSettings, Integer> MAX_RESPONSE_BYTES = Setting.of(CopilotSettings.class,
            "EGRESSMON_MAX_RESPONSE_BYTES", Kind.integer(65_536, Integer.MAX_VALUE), "67108864", "268435456",
            "longest CoPilot answer read, in bytes; a longer one fails its call (body_too_large on /health)",
            CopilotSettings::maxResponseBytes);
    public static final List<Setting<CopilotSettings, ?>> SETTINGS = List.of(URL, USERNAME, PASSWORD, INSECURE, CA_FILE,
            REQUEST_TIMEOUT, MAX_CONCURRENCY, MAX_ATTEMPTS, RETRY_BASE_DELAY, RETRY_MAX_DELAY, MAX_RESPONSE_BYTES);

    /**
     * Reads and checks the CoPilot settings; null (with the problem reported) when no CoPilot is named.
     */
    public static CopilotSettings from(SettingsReader r) {
        URI url = r.get(URL);
        if (!r.given(URL)) {
            r.problem("the CoPilot URL is not set: set " + URL.name() + " (e.g. https://copilot.example.com) or "
                    + URL.alias());
        }
        boolean aviatrixNames = !r.givenByName(URL) && r.given(URL);
        String username = r.get(USERNAME, aviatrixNames);
        Secret password = r.get(PASSWORD, aviatrixNames);
        if (username == null) {
            r.problem("the CoPilot user is not set: set " + USERNAME.names());
        }
        if (password == null) {
            r.problem("the CoPilot password is not set: set " + PASSWORD.names());
        }
        boolean insecure = r.get(INSECURE);
        Path caFile = r.get(CA_FILE);
        if (caFile != null && insecure) {
            r.problem(INSECURE.name() + "=true turns certificate checks off, so " + CA_FILE.name()
                    + " would be ignored: set only one of them");
        } else if (caFile != null && (!Files.isRegularFile(caFile) || !Files.isReadable(caFile))) {
            r.problem(CA_FILE.name() + "=" + caFile + " is not a readable file: point it at a PEM CA bundle");
        }
        Duration base = r.get(RETRY_BASE_DELAY);
        Duration max = r.get(RETRY_MAX_DELAY);
        if (max.compareTo(base) < 0) {
            r.problem(RETRY_MAX_DELAY.name() + "=" + RETRY_MAX_DELAY.show(max) + " is shorter than "
                    + RETRY_BASE_DELAY.name() + "=" + RETRY_BASE_DELAY.show(base));
        }
        CopilotCredentials credentials = new CopilotCredentials(username, password,
                USERNAME.name() + "/" + PASSWORD.name() + " or " + USERNAME.alias() + "/" + PASSWORD.alias());
        CopilotTls tls = new CopilotTls(insecure, caFile, INSECURE.name(), CA_FILE.name());
        Duration timeout = r.get(REQUEST_TIMEOUT);
        int concurrency = r.get(MAX_CONCURRENCY);
        RetryPolicy retry = new RetryPolicy(r.get(MAX_ATTEMPTS), base, max);
        int maxResponseBytes = r.get(MAX_RESPONSE_BYTES);
        return url == null ? null : new CopilotSettings(url, credentials, tls, timeout, concurrency, retry, maxResponseBytes);
    }
}
