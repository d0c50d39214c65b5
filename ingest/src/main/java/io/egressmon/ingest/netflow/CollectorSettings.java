package io.egressmon.ingest.netflow;

import io.egressmon.config.Kind;
import io.egressmon.config.Setting;
import io.egressmon.config.SettingsReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The flow collector's settings (design.md, "Flow collector").
 *
 * @param enabled         run the collector at all (in {@code run} and {@code ingest}; {@code collect} always runs it)
 * @param netflow         UDP sockets for NetFlow v5/v9 and IPFIX (one thread each); empty for none
 * @param sflow           UDP sockets for sFlow v5; empty for none
 * @param exporters       exporter address → gateway, for exporters whose flows belong to a gateway
 * @param sampling        exporter address → sampling rate to assume when its export says none
 * @param holdTime        how long data sets that came before their template wait for it
 * @param receiveBuffer   SO_RCVBUF asked for each socket, bytes (the kernel may grant less: logged)
 * @param egressCopies    which flow records marked egress (IE 61 = 1) are dropped: Open vSwitch's (auto), all, none
 */
public record CollectorSettings(boolean enabled, List<InetSocketAddress> netflow, List<InetSocketAddress> sflow,
                                Map<InetAddress, String> exporters, Map<InetAddress, Long> sampling, Duration holdTime,
                                int receiveBuffer, EgressCopies egressCopies) {

    /** The collector role's NetFlow listen address: every interface, since exporters are elsewhere. */
    public static final String COLLECT_NETFLOW = "0.0.0.0:2055";
    /** The collector role's sFlow listen address. */
    public static final String COLLECT_SFLOW = "0.0.0.0:6343";

    public static final Setting<CollectorSettings, Boolean> ENABLED = Setting.of(CollectorSettings.class,
            "EGRESSMON_FLOW_ENABLED", Kind.BOOLEAN, "true", "false",
            "run the NetFlow/IPFIX/sFlow collector in `run` and `ingest` (`collect` always does)", CollectorSettings::enabled);
    public static final Setting<CollectorSettings, List<InetSocketAddress>> NETFLOW_LISTEN = Setting.of(CollectorSettings.class,
            "EGRESSMON_NETFLOW_LISTEN", sockets(), "127.0.0.1:2055", "0.0.0.0:2055,[::]:2055",
            "UDP addresses for NetFlow v5/v9 and IPFIX, comma-separated, `none` for none (`collect`: " + COLLECT_NETFLOW + ")",
            CollectorSettings::netflow);
    public static final Setting<CollectorSettings, List<InetSocketAddress>> SFLOW_LISTEN = Setting.of(CollectorSettings.class,
            "EGRESSMON_SFLOW_LISTEN", sockets(), "127.0.0.1:6343", "none",
            "UDP addresses for sFlow v5 (`collect`: " + COLLECT_SFLOW + ")", CollectorSettings::sflow);
    public static final Setting<CollectorSettings, Map<InetAddress, String>> EXPORTERS = Setting.of(CollectorSettings.class,
            "EGRESSMON_FLOW_EXPORTERS", addressMap("a gateway name", s -> s), null, "10.1.0.5=spoke-aws-1,10.2.0.9=spoke-az-2",
            "which gateway an exporter's flows belong to: ADDRESS=GATEWAY, comma-separated", CollectorSettings::exporters);
    public static final Setting<CollectorSettings, Map<InetAddress, Long>> SAMPLING = Setting.of(CollectorSettings.class,
            "EGRESSMON_FLOW_SAMPLING", addressMap("a sampling rate", CollectorSettings::rate), null, "10.1.0.5=100",
            "ADDRESS=N: the 1-in-N rate of an exporter whose export does not say it", CollectorSettings::sampling);
    public static final Setting<CollectorSettings, Duration> HOLD = Setting.of(CollectorSettings.class,
            "EGRESSMON_FLOW_TEMPLATE_HOLD", Kind.duration(Duration.ZERO), "10m", "2m",
            "data sets that arrive before their template wait this long for it", CollectorSettings::holdTime);
    public static final Setting<CollectorSettings, Integer> RECEIVE_BUFFER = Setting.of(CollectorSettings.class,
            "EGRESSMON_FLOW_RECEIVE_BUFFER", Kind.integer(65_536, Integer.MAX_VALUE), "8388608", "33554432",
            "SO_RCVBUF of each flow socket, bytes (raise net.core.rmem_max to get more than the kernel allows)",
            CollectorSettings::receiveBuffer);
    public static final Setting<CollectorSettings, EgressCopies> EGRESS_COPIES = Setting.of(CollectorSettings.class,
            "EGRESSMON_FLOW_EGRESS_COPIES", egressCopiesKind(), "auto", "count",
            "records marked egress (IE 61 = 1) dropped: auto (Open vSwitch's, which exports every packet at ingress "
                    + "and egress), drop (all), count (none: softflowd marks reverse flows egress)",
            CollectorSettings::egressCopies);
    public static final List<Setting<CollectorSettings, ?>> SETTINGS = List.of(ENABLED, NETFLOW_LISTEN, SFLOW_LISTEN,
            EXPORTERS, SAMPLING, HOLD, RECEIVE_BUFFER, EGRESS_COPIES);

    public CollectorSettings {
        netflow = List.copyOf(netflow);
        sflow = List.copyOf(sflow);
        exporters = Map.copyOf(exporters);
        sampling = Map.copyOf(sampling);
    }

    public static CollectorSettings from(SettingsReader r) {
        Map<InetAddress, String> exporters = r.get(EXPORTERS);
        Map<InetAddress, Long> sampling = r.get(SAMPLING);
        return new CollectorSettings(r.get(ENABLED), r.get(NETFLOW_LISTEN), r.get(SFLOW_LISTEN),
                exporters == null ? Map.of() : exporters, sampling == null ? Map.of() : sampling, r.get(HOLD),
                r.get(RECEIVE_BUFFER), r.get(EGRESS_COPIES));
    }

    /** What the decoders are told. */
    public DecoderSettings decoder() {
        return new DecoderSettings(sampling, 1, holdTime, DecoderSettings.DEFAULT_HOLD_LIMIT, egressCopies);
    }

    /** {@code HOST:PORT} or {@code [V6]:PORT}, comma-separated; {@code none} (or empty) for no socket. */
    static Kind<List<InetSocketAddress>> sockets() {
        return new Kind<>(text -> {
            if (text.isBlank() || text.equalsIgnoreCase("none")) {
                return List.of();
            }
            List<InetSocketAddress> out = new ArrayList<>();
            for (String part : text.split(",")) {
                out.add(socket(part.strip()));
            }
            return List.copyOf(out);
        }, list -> list.isEmpty() ? "none" : list.stream().map(CollectorSettings::show).collect(Collectors.joining(",")),
                s -> s);
    }

    private static InetSocketAddress socket(String text) {
        int colon = text.lastIndexOf(':');
        if (colon < 1 || colon == text.length() - 1) {
            throw new IllegalArgumentException("needs HOST:PORT (IPv6 as [::1]:2055), got '" + text + "'");
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("has a port that is not a number in '" + text + "'");
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("has port " + port + " outside 0-65535");
        }
        return new InetSocketAddress(literal(host), port);
    }

    /** An IP literal only: a listen or exporter address is never looked up in DNS. */
    static InetAddress literal(String host) {
        if (!host.matches("[0-9a-fA-F.:%]+")) {
            throw new IllegalArgumentException("needs an IP address, not the name '" + host + "'");
        }
        try {
            return InetAddress.getByName(host);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException("has an address that does not parse: '" + host + "'");
        }
    }

    private static String show(InetSocketAddress a) {
        String host = a.getAddress().getHostAddress();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort();
    }

    private static <V> Kind<Map<InetAddress, V>> addressMap(String what, java.util.function.Function<String, V> value) {
        return new Kind<>(text -> {
            Map<InetAddress, V> out = new LinkedHashMap<>();
            for (String part : text.split(",")) {
                if (part.isBlank()) {
                    continue;
                }
                int eq = part.indexOf('=');
                if (eq < 1 || eq == part.length() - 1) {
                    throw new IllegalArgumentException("needs ADDRESS=" + what.replace(' ', '_').toUpperCase(java.util.Locale.ROOT)
                            + " pairs, got '" + part.strip() + "'");
                }
                InetAddress address = literal(part.substring(0, eq).strip());
                if (out.put(address, value.apply(part.substring(eq + 1).strip())) != null) {
                    throw new IllegalArgumentException("names " + address.getHostAddress() + " twice");
                }
            }
            return out;
        }, map -> map.entrySet().stream().map(e -> e.getKey().getHostAddress() + "=" + e.getValue())
                .collect(Collectors.joining(",")), s -> s);
    }

    private static Kind<EgressCopies> egressCopiesKind() {
        return new Kind<>(text -> {
            try {
                return EgressCopies.valueOf(text.toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("is not auto, drop or count");
            }
        }, e -> e.name().toLowerCase(java.util.Locale.ROOT), s -> s);
    }

    private static long rate(String text) {
        try {
            long n = Long.parseLong(text);
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("has a sampling rate that is not a whole number of at least 1: '" + text + "'");
    }
}
