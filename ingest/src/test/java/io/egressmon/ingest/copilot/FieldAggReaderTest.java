package io.egressmon.ingest.copilot;

import static io.egressmon.ingest.copilot.AnswerJson.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.egressmon.ingest.IngestStats;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Reading CoPilot's FlowIQ field_agg answers")
class FieldAggReaderTest {
    private final IngestStats stats = new IngestStats();

    @Test
    @DisplayName("field_agg: keys and bytes in CoPilot's order; whole numbers in any notation; extra fields ignored")
    void fieldAgg() {
        FieldAggAnswer a = FieldAggReader.read(json("{'value': [{'key': '23.185.0.3', 'value': 26889267504, 'doc_count': 3},"
                + " {'key': '47.91.64.21', 'value': 6.1e3}, {'key': '10.0.0.1', 'value': '17'}], 'took': 5}"), stats);
        assertEquals(new FieldAggAnswer(List.of(new FieldAggBucket("23.185.0.3", 26889267504L), new FieldAggBucket("47.91.64.21", 6100),
                new FieldAggBucket("10.0.0.1", 17)), 3), a);
        assertEquals(0, stats.flowiqSkippedBuckets.get());
    }

    @Test
    @DisplayName("field_agg: null, missing or non-numeric bytes, a missing key and a key twice are skipped and counted, never a failure")
    void fieldAggOddities() {
        FieldAggAnswer a = FieldAggReader.read(json("{'value': [{'key': 'a', 'value': null}, {'key': 'b'},"
                + " {'key': 'c', 'value': 'lots'}, {'key': 'd', 'value': 1.5}, {'key': 'e', 'value': -3}, {'value': 9},"
                + " {'key': null, 'value': 9}, 7, {'key': 'ok', 'value': 2}, {'key': 'ok', 'value': 1}]}"), stats);
        assertEquals(List.of(new FieldAggBucket("ok", 2)), a.buckets());
        assertEquals(10, a.returned(), "what CoPilot sent, for the truncation check");
        assertEquals(9, stats.flowiqSkippedBuckets.get());
    }

    @Test
    @DisplayName("field_agg: no keys, a null or absent value list, and a bare list are answers; an error object is the wrong shape")
    void fieldAggShapes() {
        assertEquals(new FieldAggAnswer(List.of(), 0), FieldAggReader.read(json("{'value': []}"), stats));
        assertEquals(new FieldAggAnswer(List.of(), 0), FieldAggReader.read(json("{'value': null}"), stats));
        assertEquals(new FieldAggAnswer(List.of(), 0), FieldAggReader.read(json("{}"), stats));
        assertEquals(2, stats.unknownShapes.get(), "the missing list is noted");
        assertEquals(List.of(new FieldAggBucket("1.1.1.1", 4)),
                FieldAggReader.read(json("[{'key': '1.1.1.1', 'value': 4}]"), stats).buckets());
        assertThrows(IllegalStateException.class, () -> FieldAggReader.read(json("{'error': 'bad query'}"), stats));
        assertThrows(IllegalStateException.class, () -> FieldAggReader.read(json("{'value': 'none'}"), stats));
        assertTrue(new FieldAggAnswer(List.of(), 5).filled(5) && !new FieldAggAnswer(List.of(), 4).filled(5));
    }

    @Test
    @DisplayName("field_agg: keys are read without surrounding blanks, so ' 1.1.1.1' and '1.1.1.1' are the same key")
    void fieldAggStripsKeys() {
        FieldAggAnswer a = FieldAggReader.read(json("{'value': [{'key': ' 1.1.1.1 ', 'value': 5}, {'key': '1.1.1.1', 'value': 3}]}"),
                stats);
        assertEquals(List.of(new FieldAggBucket("1.1.1.1", 5)), a.buckets());
        assertEquals(1, stats.flowiqSkippedBuckets.get());
    }
}
