package io.egressmon.streams.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Where a gateway's month ends in the last-costs store, read back as a restarted processor reads it. */
@DisplayName("Alerts: the latest hour of a gateway's month in the last costs")
class ScopeDeltaLatestHourTest {
    private static final long MARCH_1 = 1_772_323_200_000L; // 2026-03-01T00:00:00Z
    private static final long HOUR = 3_600_000L;

    @Test
    @DisplayName("the latest hour under the month and gateway, passing over other months and a gateway whose name extends it with '|'")
    void latestOfItsOwn() {
        MockProcessorContext<Object, Object> context = new MockProcessorContext<>();
        KeyValueStore<String, String> last = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(ScopeDeltaProcessor.STORE_LAST),
                Serdes.String(), Serdes.String()).withLoggingDisabled().build();
        last.init(context.getStateStoreContext(), last);
        last.put("2026-03|gw|" + MARCH_1, "1");
        last.put("2026-03|gw|" + (MARCH_1 + 9 * HOUR), "1");
        last.put("2026-03|gw|" + (MARCH_1 + 2 * HOUR), "1");
        last.put("2026-03|gw|x|" + (MARCH_1 + 20 * HOUR), "1"); // gateway "gw|x": sorts after every hour of "gw"
        last.put("2026-03|gw|9|" + (MARCH_1 + 30 * HOUR), "1"); // gateway "gw|9": a digit after the prefix
        last.put("2026-04|gw|" + (MARCH_1 + 800 * HOUR), "1");

        assertEquals(MARCH_1 + 9 * HOUR, ScopeDeltaProcessor.latestHour(last, "2026-03|gw|"));
        assertEquals(MARCH_1 + 20 * HOUR, ScopeDeltaProcessor.latestHour(last, "2026-03|gw|x|"));
        assertEquals(Long.MIN_VALUE, ScopeDeltaProcessor.latestHour(last, "2026-02|gw|"));
    }
}
