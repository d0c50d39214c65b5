package io.egressmon.streams.alerts.webhook;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Objects;

/**
 * One configured receiver of alerts. Its URL may itself be a secret (a Slack incoming webhook's path
 * is its token), so {@link #toString()} — what logs, metrics and errors show — is its position and
 * {@code scheme://host[:port]} only.
 *
 * @param number its position in {@code EGRESSMON_ALERT_WEBHOOKS}, from 1
 * @param url    where alerts are POSTed
 */
public record Webhook(int number, URI url) {

    public Webhook {
        Objects.requireNonNull(url, "url");
    }

    /**
     * The webhook at {@code number} from its text; the exception's message never repeats the text.
     *
     * @throws IllegalArgumentException when it is not an absolute http(s) URL with a host and no user info
     */
    public static Webhook parse(int number, String text) {
        URI uri;
        try {
            uri = new URI(text.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("is not a URL (" + e.getReason() + ")");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw new IllegalArgumentException("must be an https:// (or http://) URL");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("has no host");
        }
        if (uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("must not carry user:password@ (alerts are authenticated by their signature)");
        }
        return new Webhook(number, uri);
    }

    public boolean isHttps() {
        return "https".equalsIgnoreCase(url.getScheme());
    }

    /** True when the host is a loopback name or address: plain HTTP to it never leaves the machine. */
    public boolean isLoopback() {
        String host = url.getHost();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        if (!host.matches("[0-9.]+|[0-9a-fA-F:]+")) {
            return false; // a name other than localhost is not looked up here
        }
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** {@code webhook 2 (https://hooks.slack.com/…)}: never the path or query, which may hold a token. */
    @Override
    public String toString() {
        return "webhook " + number + " (" + origin() + "/…)";
    }

    /** {@code scheme://host[:port]}. */
    public String origin() {
        return url.getScheme().toLowerCase(Locale.ROOT) + "://" + url.getHost() + (url.getPort() >= 0 ? ":" + url.getPort() : "");
    }
}
