package io.egressmon.ingest.copilot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The in-flight limit")
class InFlightLimitTest {

    @Test
    @DisplayName("runs at most max tasks at once and starts the waiting ones in order as others finish")
    void limitsAndQueues() {
        InFlightLimit limit = new InFlightLimit(2);
        List<Promise<Integer>> started = new ArrayList<>();
        List<Future<Integer>> results = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            results.add(limit.run(() -> {
                Promise<Integer> p = Promise.promise();
                started.add(p);
                return p.future();
            }));
        }
        assertEquals(2, started.size());
        assertEquals(2, limit.running());

        started.get(0).complete(0);
        assertEquals(3, started.size(), "a waiting task starts when one finishes");
        assertTrue(results.get(0).succeeded());
        started.get(1).fail("boom");
        assertTrue(results.get(1).failed(), "failures free a place too");
        started.get(2).complete(2);
        started.get(3).complete(3);
        started.get(4).complete(4);
        assertEquals(5, started.size());
        assertEquals(0, limit.running());
        assertEquals(4, results.get(4).result());
    }

    @Test
    @DisplayName("a task that throws fails its future and frees its place")
    void throwingTask() {
        InFlightLimit limit = new InFlightLimit(1);
        Future<Object> f = limit.run(() -> {
            throw new IllegalStateException("bad");
        });
        assertTrue(f.failed());
        assertEquals(0, limit.running());
    }
}
