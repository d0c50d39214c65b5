package io.egressmon.config;

import java.net.URI;
import java.net.URISyntaxException;

/** The one check of a configured http(s) URL, and how a message may repeat one. */
final class Urls {
    private Urls() {
    }

    /**
     * {@code text} as an http(s) URL with a host and no credentials, trailing slashes dropped.
     *
     * @param credentialsAdvice what to do instead of writing credentials into the URL
     * @throws IllegalArgumentException saying what to write instead (without echoing the text)
     */
    static URI http(String text, String credentialsAdvice) {
        String v = text;
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
            throw new IllegalArgumentException("carries credentials: " + credentialsAdvice);
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("names no host: write e.g. https://host.example.com");
        }
        if (!"https".equalsIgnoreCase(uri.getScheme()) && !"http".equalsIgnoreCase(uri.getScheme())) {
            throw new IllegalArgumentException("must start with https:// (or http://)");
        }
        return uri;
    }

    /**
     * {@code text} for an error message: everything between the scheme and the last {@code @} (where
     * a {@code user:password} would be, whatever characters the password holds) becomes {@code ***}.
     */
    static String withoutUserInfo(String text) {
        int at = text.lastIndexOf('@');
        if (at < 0) {
            return text;
        }
        int scheme = text.indexOf("://");
        int start = scheme < 0 || scheme > at ? 0 : scheme + 3;
        return text.substring(0, start) + "***" + text.substring(at);
    }
}
