package io.egressmon.app;

import io.egressmon.config.Kind;
import io.egressmon.config.Setting;
import io.egressmon.config.SettingsReader;
import java.util.List;

/** Where the ingest's own {@code GET /health} listens (the streams app serves its own on the REST port). */
record HealthEndpoint(String host, int port) {

    static final Setting<HealthEndpoint, String> HOST = Setting.of(HealthEndpoint.class, "EGRESSMON_INGEST_HTTP_HOST",
            Kind.TEXT, "127.0.0.1", "0.0.0.0", "address the ingest's health endpoint binds to", HealthEndpoint::host);
    static final Setting<HealthEndpoint, Integer> PORT = Setting.of(HealthEndpoint.class, "EGRESSMON_INGEST_HTTP_PORT",
            Kind.integer(0, 65535), "8081", "9081", "port of the ingest's health endpoint (watermarks and counts)",
            HealthEndpoint::port);
    static final List<Setting<HealthEndpoint, ?>> SETTINGS = List.of(HOST, PORT);

    static HealthEndpoint from(SettingsReader r) {
        return new HealthEndpoint(r.get(HOST), r.get(PORT));
    }
}
