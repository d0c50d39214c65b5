package io.egressmon.streams.query;

import java.util.function.BiConsumer;
import org.apache.kafka.common.utils.Bytes;

/**
 * What {@link CostPartials} reads the cost query stores through ({@code CostQueryStores}): ranges of
 * one partition's stores, bounds inclusive. {@link LocalStores#costReader} reads them through IQv2 on
 * an active partition; tests read a {@code TopologyTestDriver}'s stores.
 */
public interface CostReader {
    /** Every row of the gateway-keyed {@code store} from {@code from} to {@code to}, in key order. */
    void range(String store, Bytes from, Bytes to, BiConsumer<Bytes, byte[]> sink);

    /** Every row of the string-keyed {@code store} from {@code from} to {@code to}, in key order. */
    void range(String store, String from, String to, BiConsumer<String, byte[]> sink);
}
