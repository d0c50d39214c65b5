package io.egressmon.streams.alerts.webhook;

import io.egressmon.config.Secret;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@code X-Egressmon-Signature}: {@code sha256=} and the lowercase hex of
 * HMAC-SHA256(secret, {@code <X-Egressmon-Timestamp>} + {@code "."} + body bytes). The timestamp is
 * signed so that a receiver can refuse a request captured and replayed later (docs/budgets.md,
 * "Webhooks", says how to check it).
 */
public final class Signature {
    public static final String HEADER = "X-Egressmon-Signature";
    public static final String TIMESTAMP_HEADER = "X-Egressmon-Timestamp";
    public static final String PREFIX = "sha256=";
    private static final String ALGORITHM = "HmacSHA256";

    private Signature() {
    }

    /** The header's value for {@code body} sent at {@code epochSecond}. */
    public static String sign(Secret secret, long epochSecond, byte[] body) {
        Mac mac = mac(secret);
        mac.update((epochSecond + ".").getBytes(StandardCharsets.US_ASCII));
        return PREFIX + HexFormat.of().formatHex(mac.doFinal(body));
    }

    /** True when {@code header} signs {@code body} at {@code epochSecond} with {@code secret} (constant time). */
    public static boolean verify(Secret secret, long epochSecond, byte[] body, String header) {
        byte[] expected = sign(secret, epochSecond, body).getBytes(StandardCharsets.US_ASCII);
        byte[] given = header == null ? new byte[0] : header.getBytes(StandardCharsets.US_ASCII);
        return java.security.MessageDigest.isEqual(expected, given);
    }

    private static Mac mac(Secret secret) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(secret.reveal().getBytes(StandardCharsets.UTF_8), ALGORITHM));
            return mac;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            // Every JDK has HmacSHA256, and any non-empty key suits it.
            throw new IllegalStateException("cannot sign webhooks with " + ALGORITHM + ": " + e.getMessage(), e);
        }
    }
}
