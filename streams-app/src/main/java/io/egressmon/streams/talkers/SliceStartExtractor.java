package io.egressmon.streams.talkers;

import io.egressmon.avro.TalkerBytes;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

/**
 * The time of a {@code TalkerBytes} record is its slice's start, not when the ingest produced it: a
 * backfilled day lands in that day's windows, and stream time (which closes windows) follows the
 * data. A record without a slice start keeps its record time, and the processor skips it as
 * malformed.
 */
final class SliceStartExtractor implements TimestampExtractor {

    @Override
    public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
        if (record.value() instanceof TalkerBytes t && t.getSliceStart() != null) {
            return t.getSliceStart().toEpochMilli();
        }
        return record.timestamp() >= 0 ? record.timestamp() : partitionTime;
    }
}
