package io.egressmon.ingest.copilot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.egressmon.ingest.IngestStats;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.PfxOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS to CoPilot: a small HTTPS server with a certificate made for the test by {@code keytool}
 * (self-signed, for 127.0.0.1), answering a login and the gateway list.
 */
@DisplayName("TLS to CoPilot")
class CopilotTlsIT {
    private static final String STORE_PASSWORD = "changeit";

    @TempDir
    static Path dir;
    private static Path caFile;
    private static Vertx serverVertx;
    private static HttpServer server;

    private Vertx vertx;
    private CopilotClient client;

    @BeforeAll
    static void startHttpsServer() throws Exception {
        Path store = dir.resolve("copilot.p12");
        caFile = dir.resolve("copilot-ca.pem");
        keytool("-genkeypair", "-alias", "copilot", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=copilot.test", "-ext", "SAN=ip:127.0.0.1,dns:localhost",
                "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", STORE_PASSWORD, "-keypass", STORE_PASSWORD);
        keytool("-exportcert", "-rfc", "-alias", "copilot", "-keystore", store.toString(), "-storepass", STORE_PASSWORD,
                "-file", caFile.toString());
        serverVertx = Vertx.vertx();
        server = serverVertx.createHttpServer(new HttpServerOptions().setSsl(true).setHost("127.0.0.1")
                        .setKeyCertOptions(new PfxOptions().setPath(store.toString()).setPassword(STORE_PASSWORD)))
                .requestHandler(req -> {
                    if (req.path().equals("/api/login")) {
                        req.response().putHeader("set-cookie", "s=1; Path=/").putHeader("content-type", "application/json")
                                .end("{\"status\": \"ok\"}");
                    } else if (req.path().equals("/api/gateways") && String.valueOf(req.getHeader("cookie")).contains("s=1")) {
                        req.response().putHeader("content-type", "application/json").end(new JsonObject().put("results",
                                new JsonArray().add(new JsonObject().put("gw_name", "spoke-1").put("$gw_type", "spoke"))).encode());
                    } else {
                        req.response().setStatusCode(401).end();
                    }
                })
                .listen(0)
                .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        List<String> command = new java.util.ArrayList<>(List.of(keytool));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("keytool failed: " + output);
        }
    }

    @AfterAll
    static void stopHttpsServer() throws Exception {
        serverVertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
    }

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        vertx.close();
    }

    private CopilotClient client(CopilotSettings config) {
        client = new CopilotClient(vertx, config, new IngestStats());
        return client;
    }

    private static CopilotSettings config(String... more) {
        return CopilotSettingsTest.read(Map.of("COPILOT_URL", "https://127.0.0.1:" + server.actualPort(), "USERNAME",
                "admin", "PASSWORD", "secret", "EGRESSMON_MAX_ATTEMPTS", "3", "EGRESSMON_RETRY_BASE_DELAY", "10ms",
                "EGRESSMON_REQUEST_TIMEOUT", "10s"), more);
    }

    private static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    @Test
    @DisplayName("by default the certificate is verified: a self-signed one fails at once with a message saying what to do")
    void verifiedByDefault() {
        ExecutionException e = assertThrows(ExecutionException.class, () -> await(client(config()).gateways()));
        CopilotException cause = assertInstanceOf(CopilotException.class, e.getCause());
        assertTrue(cause.getMessage().contains("TLS handshake") && cause.getMessage().contains("EGRESSMON_COPILOT_CA_FILE"),
                cause.getMessage());
    }

    @Test
    @DisplayName("with the CA file the certificate is trusted and the calls work")
    void trustedWithCaFile() throws Exception {
        List<ControllerGateway> gateways = await(client(config("EGRESSMON_COPILOT_CA_FILE", caFile.toString())).gateways());
        assertEquals("spoke-1", gateways.get(0).gwName());
    }

    @Test
    @DisplayName("insecure mode accepts the certificate without checking it")
    void insecureAcceptsAnything() throws Exception {
        List<ControllerGateway> gateways = await(client(config("EGRESSMON_COPILOT_INSECURE", "true")).gateways());
        assertEquals("spoke-1", gateways.get(0).gwName());
    }
}
