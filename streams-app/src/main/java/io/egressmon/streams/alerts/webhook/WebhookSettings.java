package io.egressmon.streams.alerts.webhook;

import io.egressmon.config.Kind;
import io.egressmon.config.Secret;
import io.egressmon.config.Setting;
import io.egressmon.config.SettingsReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Where alerts are POSTed and how (docs/budgets.md, "Webhooks"). No webhooks: nothing is delivered
 * and the deliverer does not start.
 *
 * @param webhooks  the receivers, in the order given
 * @param secret    the HMAC key of {@code X-Egressmon-Signature}; empty when there are no webhooks
 * @param allowHttp plain HTTP to a host other than loopback (the alert travels in clear; the secret never does)
 * @param timeout   how long one POST may take, connection included
 * @param retryFor  how long an alert is retried at one webhook before it is given up (counted as dropped)
 */
public record WebhookSettings(List<Webhook> webhooks, Secret secret, Path secretFile, boolean allowHttp, Duration timeout,
                              Duration retryFor) {

    /** The URLs as an error message or the docs may show them: origins only (a Slack URL's path is its token). */
    static final Kind<List<Webhook>> URL_LIST = new Kind<>(WebhookSettings::parseList,
            list -> list.stream().map(Webhook::origin).collect(Collectors.joining(",")), text -> null);
    /** A shorter key is refused: HMAC-SHA256 is only as strong as its key. */
    static final int MIN_SECRET_LENGTH = 16;

    public static final Setting<WebhookSettings, List<Webhook>> WEBHOOKS = Setting.of(WebhookSettings.class,
            "EGRESSMON_ALERT_WEBHOOKS", URL_LIST, null, "https://alerts.example.com/egressmon",
            "comma-separated URLs every alert of egressmon.alerts is POSTed to, signed (docs/budgets.md, \"Webhooks\"); "
                    + "none: no delivery", WebhookSettings::webhooks);
    public static final Setting<WebhookSettings, Secret> SECRET = Setting.of(WebhookSettings.class,
            "EGRESSMON_ALERT_WEBHOOK_SECRET", Kind.SECRET, null, "6f1c0a9e3b7d4e2f8a5c1b0d9e7f3a2c",
            "HMAC-SHA256 key of X-Egressmon-Signature, at least 16 characters (or _SECRET_FILE); never logged",
            WebhookSettings::secret);
    public static final Setting<WebhookSettings, Path> SECRET_FILE = Setting.of(WebhookSettings.class,
            "EGRESSMON_ALERT_WEBHOOK_SECRET_FILE", Kind.PATH, null, "/run/secrets/egressmon-webhook",
            "a file holding the webhook secret (one line), instead of EGRESSMON_ALERT_WEBHOOK_SECRET",
            WebhookSettings::secretFile);
    public static final Setting<WebhookSettings, Boolean> ALLOW_HTTP = Setting.of(WebhookSettings.class,
            "EGRESSMON_ALERT_WEBHOOK_ALLOW_HTTP", Kind.BOOLEAN, "false", "true",
            "allow http:// webhooks on hosts other than loopback (alerts then travel in clear)", WebhookSettings::allowHttp);
    public static final Setting<WebhookSettings, Duration> TIMEOUT = Setting.of(WebhookSettings.class,
            "EGRESSMON_ALERT_WEBHOOK_TIMEOUT", Kind.duration(Duration.ofMillis(100)), "10s", "30s",
            "how long one webhook POST may take, connecting included; then it is retried", WebhookSettings::timeout);
    public static final Setting<WebhookSettings, Duration> RETRY_FOR = Setting.of(WebhookSettings.class,
            "EGRESSMON_ALERT_WEBHOOK_RETRY_FOR", Kind.duration(Duration.ofSeconds(1)), "24h", "7d",
            "how long an alert is retried at a webhook (1 s doubling to 60 s between tries) before it is dropped as gave_up",
            WebhookSettings::retryFor);
    public static final List<Setting<WebhookSettings, ?>> SETTINGS = List.of(WEBHOOKS, SECRET, SECRET_FILE, ALLOW_HTTP,
            TIMEOUT, RETRY_FOR);

    /** No webhooks. */
    public static final WebhookSettings NONE = new WebhookSettings(List.of(), Secret.empty(), null, false,
            TIMEOUT.defaultValue(), RETRY_FOR.defaultValue());

    public WebhookSettings {
        webhooks = List.copyOf(webhooks);
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(retryFor, "retryFor");
    }

    public boolean enabled() {
        return !webhooks.isEmpty();
    }

    /** Reads and checks the settings, leaving every problem in {@code r}. */
    public static WebhookSettings from(SettingsReader r) {
        List<Webhook> webhooks = r.get(WEBHOOKS);
        webhooks = webhooks == null ? List.of() : webhooks;
        Secret secret = r.get(SECRET);
        Path file = r.get(SECRET_FILE);
        boolean allowHttp = r.get(ALLOW_HTTP);
        WebhookSettings read = new WebhookSettings(webhooks, secret == null ? Secret.empty() : secret, file, allowHttp,
                r.get(TIMEOUT), r.get(RETRY_FOR));
        if (!read.enabled()) {
            return read;
        }
        for (Webhook w : webhooks) {
            if (!w.isHttps() && !allowHttp && !w.isLoopback()) {
                r.problem(WEBHOOKS.name() + ": " + w + " is plain http to another host: use https://, or set "
                        + ALLOW_HTTP.name() + "=true to send alerts in clear");
            }
        }
        if (secret != null && file != null) {
            r.problem("set one of " + SECRET.name() + " and " + SECRET_FILE.name() + ", not both");
            return read;
        }
        if (file != null) {
            try {
                secret = Secret.of(Files.readString(file, StandardCharsets.UTF_8).strip());
            } catch (IOException e) {
                r.problem(SECRET_FILE.name() + "=" + file + " cannot be read: " + e.getMessage());
                return read;
            }
        }
        if (secret == null || secret.reveal().isEmpty()) {
            r.problem(WEBHOOKS.name() + " is set but no secret signs the alerts: set " + SECRET.name() + " or "
                    + SECRET_FILE.name() + " (e.g. the output of `openssl rand -hex 32`)");
        } else if (secret.reveal().length() < MIN_SECRET_LENGTH) {
            r.problem((file != null ? SECRET_FILE.name() + "=" + file : SECRET.name()) + " is too short: use at least "
                    + MIN_SECRET_LENGTH + " characters (e.g. the output of `openssl rand -hex 32`)");
        }
        return new WebhookSettings(webhooks, secret == null ? Secret.empty() : secret, file, allowHttp, read.timeout,
                read.retryFor);
    }

    private static List<Webhook> parseList(String text) {
        List<Webhook> webhooks = new ArrayList<>();
        String[] parts = text.split(",", -1);
        for (String part : parts) {
            if (part.isBlank()) {
                continue;
            }
            int number = webhooks.size() + 1;
            try {
                webhooks.add(Webhook.parse(number, part));
            } catch (IllegalArgumentException e) {
                // The URL is not repeated: its path may be a token.
                throw new IllegalArgumentException("URL number " + number + " " + e.getMessage());
            }
        }
        return List.copyOf(webhooks);
    }

    /** The secret stays out: configurations end up in logs. */
    @Override
    public String toString() {
        return "WebhookSettings[webhooks=" + webhooks + ", allowHttp=" + allowHttp + ", timeout=" + timeout
                + ", retryFor=" + retryFor + "]";
    }
}
