package io.egressmon.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.egressmon.config.Settings;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;

@DisplayName("RocksDB's memory bound")
class BoundedRocksDbTest {
    static {
        RocksDB.loadLibrary();
    }

    @Test
    @DisplayName("is set for every instance from EGRESSMON_ROCKSDB_MEMORY_MIB, through Kafka Streams' config setter")
    void configured() {
        StreamsAppConfig config = StreamsAppConfig.from(Settings.of(Map.of("EGRESSMON_BOOTSTRAP_SERVERS", "k:9092",
                "EGRESSMON_SCHEMA_REGISTRY_URL", "http://registry:8081", "EGRESSMON_ROCKSDB_MEMORY_MIB", "32")));
        Properties props = StreamsApp.streamsProperties(config, new HostInfo("127.0.0.1", 8080), Path.of("/tmp"));
        assertEquals(BoundedRocksDb.class.getName(), props.get(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG));
        assertEquals(Long.toString(32L << 20), props.get(BoundedRocksDb.MEMORY_BYTES_CONFIG));
    }

    @Test
    @DisplayName("shares one cache, holding index and filter blocks, and keeps memtables small")
    void options() {
        try (Options options = new Options()) {
            options.setTableFormatConfig(new BlockBasedTableConfig());
            new BoundedRocksDb().setConfig("store", options, Map.of(BoundedRocksDb.MEMORY_BYTES_CONFIG, Long.toString(32L << 20)));
            BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
            assertTrue(table.cacheIndexAndFilterBlocks());
            assertTrue(table.cacheIndexAndFilterBlocksWithHighPriority());
            assertTrue(table.pinL0FilterAndIndexBlocksInCache(), "a get that finds nothing reads no L0 file's filter again");
            assertEquals(4L << 20, options.writeBufferSize(), "an eighth of the bound, under 8 MB");
            assertEquals(2, options.maxWriteBufferNumber());
        }
    }

    @Test
    @DisplayName("refuses to guess a bound that was not passed")
    void unset() {
        try (Options options = new Options()) {
            options.setTableFormatConfig(new BlockBasedTableConfig());
            assertThrows(IllegalStateException.class, () -> new BoundedRocksDb().setConfig("store", options, Map.of()));
        }
    }
}
