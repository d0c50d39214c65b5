package io.egressmon.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class BusyPunctuationTest {
    private final MockProcessorContext<Object, Object> context = new MockProcessorContext<>();
    private final List<Long> runs = new ArrayList<>();
    /** What the step says is left after each run. */
    private boolean workLeft = true;
    private final BusyPunctuation punctuation = new BusyPunctuation(context, Duration.ofSeconds(10), now -> {
        runs.add(now);
        return workLeft;
    });

    private List<MockProcessorContext.CapturedPunctuator> scheduled() {
        return context.scheduledPunctuators().stream().filter(p -> !p.cancelled()).toList();
    }

    @Test
    @DisplayName("idle until busy; scheduled once however busy; cancelled by the run that leaves nothing; busy again schedules it again")
    void runsWhileBusy() {
        assertTrue(scheduled().isEmpty(), "an idle task has no punctuation");
        assertTrue(punctuation.busy());
        assertFalse(punctuation.busy(), "already scheduled");
        assertEquals(1, scheduled().size());
        MockProcessorContext.CapturedPunctuator p = scheduled().get(0);
        assertEquals(PunctuationType.WALL_CLOCK_TIME, p.getType());
        assertEquals(Duration.ofSeconds(10), p.getInterval());

        p.getPunctuator().punctuate(1_000);
        assertEquals(1, scheduled().size(), "work left: it goes on");
        workLeft = false;
        p.getPunctuator().punctuate(11_000);
        assertTrue(scheduled().isEmpty(), "nothing left: cancelled");
        assertEquals(List.of(1_000L, 11_000L), runs);

        assertTrue(punctuation.busy(), "idle until now");
        assertEquals(1, scheduled().size());
    }
}
