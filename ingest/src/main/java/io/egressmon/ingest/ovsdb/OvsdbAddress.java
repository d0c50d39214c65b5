package io.egressmon.ingest.ovsdb;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where an OVSDB server listens, written as Open vSwitch writes it ({@code ovs-vsctl --db=...}):
 * {@code unix:/var/run/openvswitch/db.sock} or {@code tcp:HOST:PORT}, HOST being an IPv4 address, a
 * bracketed IPv6 address or a host name. {@code ssl:} is refused: we speak plain JSON-RPC only.
 */
public sealed interface OvsdbAddress {

    /** A unix domain socket, the way a collector on the switch's own host reaches OvS. */
    record Unix(Path path) implements OvsdbAddress {
        public Unix {
            Objects.requireNonNull(path, "path");
        }

        @Override
        public String toString() {
            return "unix:" + path;
        }
    }

    /** A TCP endpoint, as {@code ovsdb-server --remote=ptcp:PORT:IP} offers. */
    record Tcp(String host, int port) implements OvsdbAddress {
        public Tcp {
            Objects.requireNonNull(host, "host");
            if (port < 1 || port > 65_535) {
                throw new IllegalArgumentException("OVSDB port must be 1..65535, got " + port);
            }
        }

        @Override
        public String toString() {
            return "tcp:" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
        }
    }

    /** Parses {@code unix:PATH} or {@code tcp:HOST:PORT}; the exception names the text and what was expected. */
    public static OvsdbAddress parse(String text) {
        Objects.requireNonNull(text, "OVSDB address");
        if (text.startsWith("unix:")) {
            String path = text.substring("unix:".length());
            if (path.isBlank()) {
                throw bad(text, "no socket path after unix:");
            }
            return new Unix(Path.of(path));
        }
        if (text.startsWith("tcp:")) {
            return parseTcp(text, text.substring("tcp:".length()));
        }
        if (text.startsWith("ssl:")) {
            throw bad(text, "ssl: is not supported (use unix: or tcp:)");
        }
        throw bad(text, "expected unix:/path/db.sock or tcp:HOST:PORT");
    }

    private static OvsdbAddress parseTcp(String text, String hostPort) {
        String host;
        String port;
        if (hostPort.startsWith("[")) {
            int close = hostPort.indexOf(']');
            if (close < 0 || close + 1 >= hostPort.length() || hostPort.charAt(close + 1) != ':') {
                throw bad(text, "expected tcp:[IPv6]:PORT");
            }
            host = hostPort.substring(1, close);
            port = hostPort.substring(close + 2);
        } else {
            int colon = hostPort.lastIndexOf(':');
            if (colon < 0) {
                throw bad(text, "no port: expected tcp:HOST:PORT");
            }
            host = hostPort.substring(0, colon);
            port = hostPort.substring(colon + 1);
            if (host.contains(":")) {
                throw bad(text, "an IPv6 address must be in brackets: tcp:[IPv6]:PORT");
            }
        }
        if (host.isBlank()) {
            throw bad(text, "no host: expected tcp:HOST:PORT");
        }
        try {
            return new Tcp(host, Integer.parseInt(port));
        } catch (NumberFormatException e) {
            throw bad(text, "port '" + port + "' is not a number");
        } catch (IllegalArgumentException e) {
            throw bad(text, e.getMessage());
        }
    }

    private static IllegalArgumentException bad(String text, String why) {
        return new IllegalArgumentException("bad OVSDB address '" + text + "': " + why);
    }
}
