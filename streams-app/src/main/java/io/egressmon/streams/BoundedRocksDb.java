package io.egressmon.streams;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;

/**
 * Bounds the memory of all RocksDB stores of a JVM together ({@code rocksdb.config.setter}, the
 * recipe of Kafka Streams' "Memory management" guide): one LRU block cache of
 * {@code EGRESSMON_ROCKSDB_MEMORY_MIB}, which also holds the index and filter blocks and to which the
 * memtables are charged (at most half of it, through one {@code WriteBufferManager}).
 *
 * <p>Why: by default Kafka Streams gives every RocksDB instance a 50 MB block cache and up to three
 * 16 MB memtables, and every task of every store is an instance — every segment of a window store
 * too. With six partitions and a dozen stores that is hundreds of instances: gigabytes of RSS once
 * they have been written to, outside the Java heap and its {@code -Xmx}.
 */
public final class BoundedRocksDb implements RocksDBConfigSetter {
    /** The Kafka Streams property carrying the bound in bytes (set by {@link StreamsApp#streamsProperties}). */
    public static final String MEMORY_BYTES_CONFIG = "egressmon.rocksdb.memory.bytes";
    /** The largest memtable (RocksDB's default is 64 MB, Kafka Streams' 16 MB). */
    private static final long MEMTABLE_BYTES = 8L << 20;

    /** The cache and write buffer manager of each bound in use: shared by every store, never closed. */
    private static final Map<Long, Shared> SHARED = new ConcurrentHashMap<>();

    private record Shared(Cache cache, WriteBufferManager writeBuffers) {
        static Shared of(long bytes) {
            // Not strict: a read never fails for a full cache; index and filter blocks go first (high priority).
            Cache cache = new LRUCache(bytes, -1, false, 0.1);
            return new Shared(cache, new WriteBufferManager(bytes / 2, cache));
        }
    }

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        Object configured = configs.get(MEMORY_BYTES_CONFIG);
        if (configured == null) {
            throw new IllegalStateException(MEMORY_BYTES_CONFIG + " is not set: the bound of RocksDB's memory");
        }
        long bytes = Long.parseLong(configured.toString());
        Shared shared = SHARED.computeIfAbsent(bytes, Shared::of);
        BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
        table.setBlockCache(shared.cache());
        table.setCacheIndexAndFilterBlocks(true);
        table.setCacheIndexAndFilterBlocksWithHighPriority(true);
        table.setPinTopLevelIndexAndFilter(true);
        // Level-0 files' filter and index blocks stay in the cache: unpinned, the backfill's data blocks
        // pushed them out, and every get read them from the file again (9 % of the stream thread in
        // bench rest; docs/benchmarks.md, "Counter throughput", session 9).
        table.setPinL0FilterAndIndexBlocksInCache(true);
        options.setTableFormatConfig(table);
        options.setWriteBufferManager(shared.writeBuffers());
        options.setWriteBufferSize(Math.min(MEMTABLE_BYTES, bytes / 8));
        options.setMaxWriteBufferNumber(2);
    }

    @Override
    public void close(String storeName, Options options) {
        // The cache and the write buffer manager are shared by every store of the JVM: never closed here.
    }
}
