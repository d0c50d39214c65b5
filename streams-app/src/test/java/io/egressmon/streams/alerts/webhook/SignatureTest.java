package io.egressmon.streams.alerts.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.egressmon.config.Secret;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SignatureTest {
    private static final Secret SECRET = Secret.of("test-secret-0123456789");
    private static final byte[] BODY = "{\"text\":\"hello\"}".getBytes(StandardCharsets.UTF_8);

    @Test
    @DisplayName("the signature is sha256= and the hex HMAC-SHA256 of '<timestamp>.<body>' (as openssl computes it)")
    void knownBody() {
        // printf '%s' '1767225600.{"text":"hello"}' | openssl dgst -sha256 -hmac 'test-secret-0123456789' -hex
        assertEquals("sha256=750d5fcf4973a2057f6918373448e0d8a371caa8fce3b3fa66abb8f8318ffc47",
                Signature.sign(SECRET, 1767225600L, BODY));
    }

    @Test
    @DisplayName("verification accepts the signature and refuses another timestamp, body or secret")
    void verify() {
        String header = Signature.sign(SECRET, 1767225600L, BODY);
        assertTrue(Signature.verify(SECRET, 1767225600L, BODY, header));
        assertFalse(Signature.verify(SECRET, 1767225601L, BODY, header), "a replay with a new timestamp");
        assertFalse(Signature.verify(SECRET, 1767225600L, "{\"text\":\"hellO\"}".getBytes(StandardCharsets.UTF_8), header));
        assertFalse(Signature.verify(Secret.of("another-secret-0123456789"), 1767225600L, BODY, header));
        assertFalse(Signature.verify(SECRET, 1767225600L, BODY, null));
    }
}
