package io.egressmon.config;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * The one rule for CoPilot's address, as the original scripts' {@code .env} files give it: a full
 * URL, or a bare host (or host:port) that means {@code https://host}. Trailing slashes are dropped; a
 * URL carrying credentials is refused (they would reach logs with it) and shown redacted.
 */
public final class CopilotAddress {
    /** The settings kind of a CoPilot address. */
    public static final Kind<URI> KIND = new Kind<>(CopilotAddress::parse, URI::toString, CopilotAddress::redacted);

    private CopilotAddress() {
    }

    /** @throws IllegalArgumentException saying what to write instead (without echoing credentials) */
    public static URI parse(String value) {
        String v = value.trim();
        if (!v.contains("://")) {
            v = "https://" + v;
        }
        while (v.endsWith("/")) {
            v = v.substring(0, v.length() - 1);
        }
        URI uri;
        try {
            uri = new URI(v);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("is not a URL or host name");
        }
        if (uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("carries credentials: put them in USERNAME/PASSWORD "
                    + "(or AVIATRIX_USERNAME/AVIATRIX_PASSWORD) instead");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("names no host: write e.g. https://copilot.example.com or copilot.example.com");
        }
        if (!"https".equalsIgnoreCase(uri.getScheme()) && !"http".equalsIgnoreCase(uri.getScheme())) {
            throw new IllegalArgumentException("must start with https:// (or http://)");
        }
        return uri;
    }

    /** {@code value} with any {@code user:password@} replaced by {@code ***@}, for messages. */
    public static String redacted(String value) {
        return value.replaceAll("(?<=://)[^/@]*@", "***@");
    }
}
