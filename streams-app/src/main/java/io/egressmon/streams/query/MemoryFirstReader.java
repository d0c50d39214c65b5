package io.egressmon.streams.query;

import io.egressmon.api.bandwidth.GatewayPeriod;
import io.egressmon.api.bandwidth.RawTotals;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Reads a {@link PeriodPlan} from the in-memory copies where they hold what is asked, else from the
 * stores, without ever pairing progress marks from memory with windows from a store.
 *
 * <p>The copies are current as soon as {@code counter-windows} has written a commit's windows and
 * marks into them; the stores only once that commit lands. Progress is read first and the windows
 * after, so that the windows hold at least what the marks say (an answer may call a period
 * incomplete that is complete, never the reverse). Marks taken from memory and windows then taken
 * from a store break that: the store may not yet hold the bytes the marks count. So once the marks
 * came from memory, a read the copies cannot serve starts the plan again from the stores alone,
 * which are as of one commit: a period reaching further back than the copies (35 days), or copies
 * dropped between the two reads (an exactly-once abort or a dirty close).
 */
final class MemoryFirstReader implements WindowReader {
    /** What a plan read, and whether all of it came from the in-memory copies (current until the counters change). */
    record PeriodRead(Map<String, GatewayPeriod> periods, boolean fromMemoryOnly) {
    }

    /** Windows from a store after progress marks from memory: the read starts again from the stores. */
    private static final class MixedRead extends RuntimeException {
        MixedRead() {
            super("progress marks from memory, windows from a store", null, false, false);
        }
    }

    private final WindowReader memory;
    private final WindowReader stores;
    private boolean progressFromMemory;
    private boolean readStores;

    /**
     * @param memory the in-memory copies: each read returns null when they do not hold all of it
     * @param stores the stores, as of the last commit
     */
    private MemoryFirstReader(WindowReader memory, WindowReader stores) {
        this.memory = Objects.requireNonNull(memory, "memory");
        this.stores = Objects.requireNonNull(stores, "stores");
    }

    /** {@code plan} read from {@code memory} where it holds what is asked, else from {@code stores}. */
    static PeriodRead read(PeriodPlan plan, WindowReader memory, WindowReader stores) {
        MemoryFirstReader reader = new MemoryFirstReader(memory, stores);
        try {
            return new PeriodRead(plan.read(reader), !reader.readStores);
        } catch (MixedRead e) {
            return new PeriodRead(plan.read(stores), false);
        }
    }

    @Override
    public Map<String, Instant> progress() {
        Map<String, Instant> recent = memory.progress();
        if (recent != null) {
            progressFromMemory = true;
            return recent;
        }
        readStores = true;
        return stores.progress();
    }

    @Override
    public Map<String, RawTotals> sum(Grain grain, Instant from, Instant to) {
        return orStored(memory.sum(grain, from, to), () -> stores.sum(grain, from, to));
    }

    @Override
    public Map<String, Long> open(Grain grain, Instant windowStart, Edge edge) {
        return orStored(memory.open(grain, windowStart, edge), () -> stores.open(grain, windowStart, edge));
    }

    private <T> T orStored(T recent, Supplier<T> stored) {
        if (recent != null) {
            return recent;
        }
        if (progressFromMemory) {
            throw new MixedRead();
        }
        readStores = true;
        return stored.get();
    }
}
