package io.egressmon.ingest.copilot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The retry policy")
class RetryPolicyTest {

    private static RetryPolicy policy(long baseMillis, long maxMillis) {
        return new RetryPolicy(6, Duration.ofMillis(baseMillis), Duration.ofMillis(maxMillis));
    }

    @Test
    @DisplayName("the wait doubles per try, with jitter between half and all of it")
    void doublesWithJitter() {
        RetryPolicy retry = policy(100, 10_000);
        for (int round = 0; round < 200; round++) {
            for (int tries = 1; tries <= 5; tries++) {
                long full = 100L << (tries - 1);
                long wait = retry.delayMillis(tries);
                assertTrue(wait >= full / 2 && wait <= full, "try " + tries + ": " + wait + " ms");
            }
        }
    }

    @Test
    @DisplayName("the wait never goes beyond the maximum, however many tries, and never overflows")
    void capped() {
        RetryPolicy retry = policy(500, 2_000);
        for (int tries : new int[] {4, 10, 63, 64, 1_000, Integer.MAX_VALUE}) {
            long wait = retry.delayMillis(tries);
            assertTrue(wait >= 1_000 && wait <= 2_000, "try " + tries + ": " + wait + " ms");
        }
    }

    @Test
    @DisplayName("no base delay means no wait; a maximum below the base delay is the base delay")
    void edges() {
        assertEquals(0, policy(0, 1_000).delayMillis(3));
        long wait = policy(400, 100).delayMillis(5);
        assertTrue(wait >= 200 && wait <= 400, wait + " ms");
    }

    @Test
    @DisplayName("a call is tried at least once")
    void atLeastOneAttempt() {
        assertEquals(1, new RetryPolicy(0, Duration.ZERO, Duration.ZERO).maxAttempts());
        assertEquals(6, policy(1, 1).maxAttempts());
    }
}
