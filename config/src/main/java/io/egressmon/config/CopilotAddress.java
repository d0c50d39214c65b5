package io.egressmon.config;

import java.net.URI;

/**
 * The one rule for CoPilot's address, as the original scripts' {@code .env} files give it: a full
 * URL, or a bare host (or host:port) that means {@code https://host}. Trailing slashes are dropped; a
 * URL carrying credentials is refused (they would reach logs with it) and shown redacted.
 */
public final class CopilotAddress {
    /** The settings kind of a CoPilot address. */
    public static final Kind<URI> KIND = new Kind<>(CopilotAddress::parse, URI::toString, Urls::withoutUserInfo);

    private CopilotAddress() {
    }

    /** @throws IllegalArgumentException saying what to write instead (without echoing credentials) */
    public static URI parse(String value) {
        String v = value.trim();
        if (!v.contains("://")) {
            v = "https://" + v;
        }
        return Urls.http(v, "put them in USERNAME/PASSWORD (or AVIATRIX_USERNAME/AVIATRIX_PASSWORD) instead");
    }
}
