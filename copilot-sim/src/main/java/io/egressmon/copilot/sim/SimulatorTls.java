package io.egressmon.copilot.sim;

import io.vertx.core.net.KeyCertOptions;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * HTTPS for the simulator: a PKCS12 key store with two self-signed certificates, {@link #RIGHT}
 * for the names clients use ({@code 127.0.0.1}, {@code localhost}) and {@link #ELSEWHERE} for a host
 * that is not the simulator, and a PEM file holding both, for clients to trust. Trusting both
 * makes a handshake that presents {@link #ELSEWHERE} fail on the name alone — the
 * {@link BadAnswer#TLS_NAME_MISMATCH} fault — never on trust.
 *
 * @param keyStore  the PKCS12 store with both keys
 * @param password  the store's and the keys' password
 * @param trustFile PEM with both certificates ({@code EGRESSMON_COPILOT_CA_FILE} of a client)
 */
public record SimulatorTls(Path keyStore, String password, Path trustFile) {
    /** The alias of the certificate for {@code 127.0.0.1} and {@code localhost}. */
    public static final String RIGHT = "copilot";
    /** The alias of the certificate for {@link #ELSEWHERE_NAME} only. */
    public static final String ELSEWHERE = "elsewhere";
    /** The one name of {@link #ELSEWHERE}'s certificate. */
    public static final String ELSEWHERE_NAME = "copilot.elsewhere.invalid";

    public SimulatorTls {
        Objects.requireNonNull(keyStore, "keyStore");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(trustFile, "trustFile");
    }

    /**
     * Makes the key store and the trust file in {@code dir} with the JDK's {@code keytool}
     * (certificates valid for two days).
     */
    public static SimulatorTls generate(Path dir) {
        String password = "simulator";
        Path store = dir.resolve("copilot-sim.p12");
        Path trust = dir.resolve("copilot-sim-ca.pem");
        try {
            Files.createDirectories(dir);
            Files.deleteIfExists(store);
            keytool("-genkeypair", "-alias", RIGHT, "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                    "-dname", "CN=copilot-sim", "-ext", "SAN=ip:127.0.0.1,dns:localhost",
                    "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", password);
            keytool("-genkeypair", "-alias", ELSEWHERE, "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                    "-dname", "CN=" + ELSEWHERE_NAME, "-ext", "SAN=dns:" + ELSEWHERE_NAME,
                    "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", password);
            StringBuilder pem = new StringBuilder();
            for (String alias : List.of(RIGHT, ELSEWHERE)) {
                pem.append(keytool("-exportcert", "-rfc", "-alias", alias, "-keystore", store.toString(),
                        "-storepass", password));
            }
            Files.writeString(trust, pem, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalStateException("cannot make the simulator's TLS files in " + dir + ": " + e.getMessage(), e);
        }
        return new SimulatorTls(store, password, trust);
    }

    /**
     * The server's key material: {@link #ELSEWHERE}'s certificate for a handshake when
     * {@code mismatch} says so, {@link #RIGHT}'s otherwise.
     */
    KeyCertOptions keyCertOptions(BooleanSupplier mismatch) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(keyStore)) {
                store.load(in, password.toCharArray());
            }
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(store, password.toCharArray());
            for (KeyManager manager : factory.getKeyManagers()) {
                if (manager instanceof X509ExtendedKeyManager keys) {
                    return KeyCertOptions.wrap(new Chooser(keys, mismatch));
                }
            }
            throw new IllegalStateException("no X.509 key manager for " + keyStore);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the simulator's key store " + keyStore + ": " + e.getMessage(), e);
        }
    }

    private static String keytool(String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IOException("keytool " + args[0] + " failed: " + output.strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while keytool ran", e);
        }
        return output;
    }

    /** Picks the certificate per handshake; everything else is the store's own key manager. */
    private static final class Chooser extends X509ExtendedKeyManager {
        private final X509ExtendedKeyManager keys;
        private final BooleanSupplier mismatch;

        Chooser(X509ExtendedKeyManager keys, BooleanSupplier mismatch) {
            this.keys = keys;
            this.mismatch = mismatch;
        }

        private String alias(String keyType) {
            // Both keys are EC: for any other key type the client asks for, there is none.
            String found = keys.chooseServerAlias(keyType, null, null);
            if (found == null) {
                return null;
            }
            return mismatch.getAsBoolean() ? ELSEWHERE : RIGHT;
        }

        @Override
        public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
            return alias(keyType);
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return alias(keyType);
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return keys.getServerAliases(keyType, issuers);
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return keys.getClientAliases(keyType, issuers);
        }

        @Override
        public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
            return null;
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return keys.getCertificateChain(alias);
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return keys.getPrivateKey(alias);
        }
    }
}
