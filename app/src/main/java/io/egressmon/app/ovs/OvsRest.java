package io.egressmon.app.ovs;

import io.egressmon.api.ApiException;
import io.egressmon.api.BadParameter;
import io.egressmon.api.Endpoints;
import io.egressmon.api.ErrorAnswer;
import io.egressmon.api.NotFound;
import io.egressmon.api.QueryParameters;
import io.egressmon.api.Unavailable;
import io.egressmon.api.ovs.OvsBridge;
import io.egressmon.api.ovs.OvsBridgesAnswer;
import io.egressmon.api.ovs.OvsIpfix;
import io.egressmon.api.ovs.OvsIpfixRequest;
import io.egressmon.ingest.ovsdb.BridgeIpfix;
import io.egressmon.ingest.ovsdb.IpfixControl;
import io.egressmon.ingest.ovsdb.IpfixSettings;
import io.egressmon.ingest.ovsdb.OvsdbAddress;
import io.egressmon.ingest.ovsdb.OvsdbClient;
import io.egressmon.ingest.ovsdb.OvsdbException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Open vSwitch's exporter over HTTP, on the ingest's or collector's health port when it was given
 * {@code --ovsdb}: {@code GET /api/v1/ovs/bridges}; {@code POST …/bridges/{bridge}/ipfix?target=…} starts
 * the exporter or gives it new settings; {@code DELETE …/bridges/{bridge}/ipfix} stops it. A bad
 * parameter is a 400 naming it, an unknown bridge a 404 naming {@code bridge}, an OVSDB that cannot be
 * reached a 503.
 */
public final class OvsRest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final OvsdbAddress address;

    public OvsRest(OvsdbAddress address) {
        this.address = address;
    }

    /** An answer: its status and the body to write as JSON. */
    public record Reply(int status, Object body) {
    }

    /** Answers {@code method path?query}; {@code path} starts with {@link Endpoints#OVS_BRIDGES}. */
    public Reply answer(String method, URI uri) {
        try {
            String rest = uri.getRawPath().substring(Endpoints.OVS_BRIDGES.length());
            if (rest.isEmpty() || rest.equals("/")) {
                requireMethod(method, "GET");
                query(uri, java.util.Set.of());
                return new Reply(200, session(control -> new OvsBridgesAnswer(address.toString(), bridges(control))));
            }
            String[] parts = rest.substring(1).split("/");
            if (parts.length != 2 || !parts[1].equals("ipfix") || parts[0].isBlank()) {
                throw new NotFound("path", "no such path; try " + Endpoints.OVS_BRIDGES + " or "
                        + Endpoints.OVS_BRIDGES + "/{bridge}/ipfix");
            }
            String bridge = URLDecoder.decode(parts[0], StandardCharsets.UTF_8);
            return switch (method) {
                case "POST" -> {
                    OvsIpfixRequest request = OvsIpfixRequest.parse(query(uri, OvsIpfixRequest.PARAMETERS));
                    IpfixSettings settings;
                    try {
                        settings = IpfixSettings.of(request.targets(), request.sampling(), request.obsDomainId(),
                                request.cacheActiveTimeout(), request.cacheMaxFlows());
                    } catch (IllegalArgumentException e) {
                        throw new BadParameter("target", e.getMessage());
                    }
                    yield new Reply(200, session(control -> {
                        if (find(control, bridge).ipfix() != null) {
                            control.reconfigure(bridge, settings);
                        } else {
                            control.start(bridge, settings);
                        }
                        return find(control, bridge);
                    }));
                }
                case "DELETE" -> {
                    query(uri, java.util.Set.of());
                    yield new Reply(200, session(control -> {
                        find(control, bridge);
                        control.stop(bridge);
                        return find(control, bridge);
                    }));
                }
                default -> throw new MethodNotAllowed(method + " is not allowed on " + uri.getPath() + "; use POST or DELETE");
            };
        } catch (MethodNotAllowed e) {
            return new Reply(405, ErrorAnswer.of(ErrorAnswer.METHOD_NOT_ALLOWED, null, e.getMessage()));
        } catch (ApiException e) {
            return new Reply(e.status(), e.answer());
        }
    }

    private static final class MethodNotAllowed extends RuntimeException {
        MethodNotAllowed(String message) {
            super(message);
        }
    }

    private static void requireMethod(String method, String allowed) {
        if (!method.equals(allowed)) {
            throw new MethodNotAllowed(method + " is not allowed here; use " + allowed);
        }
    }

    private static QueryParameters query(URI uri, java.util.Set<String> allowed) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        String raw = uri.getRawQuery();
        if (raw != null && !raw.isEmpty()) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                values.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
            }
        }
        return QueryParameters.of(values, allowed);
    }

    private interface Work<T> {
        T run(IpfixControl control) throws OvsdbException;
    }

    /**
     * One OVSDB session. Values are checked before it and the bridge looked up in it, so what OVSDB or
     * ovs-vswitchd still fails at (unreachable, timed out, the change not applied) is a 503 saying what.
     */
    private <T> T session(Work<T> work) {
        OvsdbClient client;
        try {
            client = OvsdbClient.connect(address, TIMEOUT);
        } catch (OvsdbException e) {
            throw new Unavailable("cannot reach OVSDB at " + address + ": " + e.getMessage(), e);
        }
        try (client) {
            return work.run(new IpfixControl(client, TIMEOUT));
        } catch (OvsdbException e) {
            throw new Unavailable("OVSDB at " + address + " failed: " + e.getMessage(), e);
        }
    }

    private static List<OvsBridge> bridges(IpfixControl control) throws OvsdbException {
        List<OvsBridge> out = new ArrayList<>();
        for (BridgeIpfix b : control.bridges()) {
            out.add(new OvsBridge(b.bridge(), b.ipfix().map(OvsRest::ipfix).orElse(null)));
        }
        return out;
    }

    private static OvsBridge find(IpfixControl control, String bridge) throws OvsdbException {
        for (OvsBridge b : bridges(control)) {
            if (b.bridge().equals(bridge)) {
                return b;
            }
        }
        throw new NotFound("bridge", "OVSDB has no bridge " + bridge);
    }

    private static OvsIpfix ipfix(IpfixSettings s) {
        return new OvsIpfix(s.targets(), s.sampling(), s.obsDomainId(),
                s.obsPointId().isPresent() ? s.obsPointId().getAsLong() : null, s.cacheActiveTimeout(), s.cacheMaxFlows());
    }
}
