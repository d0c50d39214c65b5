package io.egressmon.copilot.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("The simulator over HTTPS")
class SimulatorTlsTest {
    @TempDir
    static Path dir;
    private static CopilotSimulator simulator;
    private static SSLContext trusting;

    @BeforeAll
    static void start() throws Exception {
        SimulatorTls tls = SimulatorTls.generate(dir);
        simulator = CopilotSimulator.start(SimulatorConfig.defaults().withTls(tls));
        trusting = trusting(tls.trustFile());
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    /** A client context that trusts exactly the certificates of the trust file. */
    static SSLContext trusting(Path pem) throws Exception {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(pem)) {
            int i = 0;
            for (Certificate cert : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                trust.setCertificateEntry("cert-" + i++, cert);
            }
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }

    @Test
    @DisplayName("serves the API over HTTPS with a certificate for 127.0.0.1 that a client trusting the trust file accepts")
    void servesHttps() {
        assertTrue(simulator.baseUrl().startsWith("https://127.0.0.1:"), simulator.baseUrl());
        SimClient client = new SimClient(simulator, trusting);
        assertEquals(200, client.login().statusCode());
        assertEquals(200, client.get("/api/gateways").statusCode());
    }

    @Test
    @DisplayName("with tlsNameMismatchRate 1 every handshake presents the certificate for another name, and is counted")
    void nameMismatch() {
        long before = simulator.stats().badAnswers(BadAnswer.TLS_NAME_MISMATCH);
        simulator.faults(Faults.none().withBadAnswer(BadAnswer.TLS_NAME_MISMATCH, 1));
        try {
            SimClient client = new SimClient(simulator, trusting);
            IOException e = assertThrows(IOException.class, () -> client.getOrFailure("/api/gateways"));
            assertTrue(e instanceof SSLHandshakeException || e.getCause() instanceof SSLHandshakeException, e.toString());
            assertTrue(String.valueOf(e.getMessage()).contains("127.0.0.1"), e.getMessage());
        } finally {
            simulator.faults(Faults.none());
        }
        assertTrue(simulator.stats().badAnswers(BadAnswer.TLS_NAME_MISMATCH) > before);
    }

    @Test
    @DisplayName("at a rate below 1, full handshakes fail at about that rate, each counted")
    void someHandshakesMismatch() throws Exception {
        simulator.faults(Faults.none().withBadAnswer(BadAnswer.TLS_NAME_MISMATCH, 0.5));
        long before = simulator.stats().badAnswers(BadAnswer.TLS_NAME_MISMATCH);
        int failed = 0;
        int answered = 0;
        try {
            for (int i = 0; i < 40; i++) {
                // A context of its own: no session to resume, so a full handshake every time.
                SimClient client = new SimClient(simulator, trusting(dir.resolve("copilot-sim-ca.pem")));
                try {
                    assertEquals(401, client.getOrFailure("/api/gateways").statusCode(), "answered: not logged in");
                    answered++;
                } catch (IOException e) {
                    failed++;
                }
            }
        } finally {
            simulator.faults(Faults.none());
        }
        assertTrue(failed >= 8 && answered >= 8, failed + " failed, " + answered + " answered at 50 %");
        assertEquals(failed, simulator.stats().badAnswers(BadAnswer.TLS_NAME_MISMATCH) - before);
    }
}
