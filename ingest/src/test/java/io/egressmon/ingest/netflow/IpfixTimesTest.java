package io.egressmon.ingest.netflow;

import static io.egressmon.ingest.netflow.ExportBuilder.f;
import static io.egressmon.ingest.netflow.IpfixDecoderTest.EXPORTER;
import static io.egressmon.ingest.netflow.IpfixDecoderTest.EXPORT_MS;
import static io.egressmon.ingest.netflow.IpfixDecoderTest.EXPORT_SECS;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.egressmon.ingest.netflow.ExportBuilder.Bytes;
import io.egressmon.ingest.netflow.ExportBuilder.Field;
import java.util.function.Consumer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("IPFIX flow times")
class IpfixTimesTest {
    /** 2208988800: seconds from 1900 (NTP) to 1970. */
    static final long NTP_OFFSET = 2_208_988_800L;

    private final NetflowDecoder decoder = new NetflowDecoder(DecoderSettings.defaults());
    private final CollectingSink sink = new CollectingSink();

    /** Decodes one flow whose template adds {@code timeFields}, written by {@code times}. */
    Flow flowWith(Consumer<Bytes> times, Field... timeFields) {
        Field[] fields = new Field[3 + timeFields.length];
        fields[0] = f(8, 4);
        fields[1] = f(12, 4);
        fields[2] = f(1, 4);
        System.arraycopy(timeFields, 0, fields, 3, timeFields.length);
        decoder.decode(EXPORTER, ExportBuilder.ipfix(EXPORT_SECS, 1).template(256, fields)
                .data(256, r -> times.accept(r.ipv4("10.0.0.1").ipv4("10.0.0.2").u32(100))).build(), EXPORT_MS, sink);
        return sink.only();
    }

    @Test
    @DisplayName("flowStartSeconds / flowEndSeconds (IE 150/151)")
    void seconds() {
        Flow flow = flowWith(r -> r.u32(EXPORT_SECS - 60).u32(EXPORT_SECS - 1), f(150, 4), f(151, 4));
        assertEquals(EXPORT_MS - 60_000, flow.startMs());
        assertEquals(EXPORT_MS - 1_000, flow.endMs());
    }

    @Test
    @DisplayName("flowStartMilliseconds / flowEndMilliseconds (IE 152/153)")
    void milliseconds() {
        Flow flow = flowWith(r -> r.u64(EXPORT_MS - 1500).u64(EXPORT_MS - 250), f(152, 8), f(153, 8));
        assertEquals(EXPORT_MS - 1500, flow.startMs());
        assertEquals(EXPORT_MS - 250, flow.endMs());
    }

    @Test
    @DisplayName("flowStartMicroseconds / flowEndMicroseconds (IE 154/155) in NTP format")
    void microseconds() {
        long half = 1L << 31; // .5 s
        Flow flow = flowWith(r -> r.u32(EXPORT_SECS - 2 + NTP_OFFSET).u32(half).u32(EXPORT_SECS + NTP_OFFSET).u32(0),
                f(154, 8), f(155, 8));
        assertEquals(EXPORT_MS - 1500, flow.startMs());
        assertEquals(EXPORT_MS, flow.endMs());
    }

    @Test
    @DisplayName("flowStartNanoseconds / flowEndNanoseconds (IE 156/157) in NTP format")
    void nanoseconds() {
        long quarter = 1L << 30; // .25 s
        Flow flow = flowWith(r -> r.u32(EXPORT_SECS - 1 + NTP_OFFSET).u32(quarter).u32(EXPORT_SECS - 1 + NTP_OFFSET).u32(3 * quarter),
                f(156, 8), f(157, 8));
        assertEquals(EXPORT_MS - 750, flow.startMs());
        assertEquals(EXPORT_MS - 250, flow.endMs());
    }

    @Test
    @DisplayName("flowStartDeltaMicroseconds / flowEndDeltaMicroseconds (IE 158/159) count back from the export time")
    void deltaMicroseconds() {
        Flow flow = flowWith(r -> r.u32(2_500_000).u32(500_000), f(158, 4), f(159, 4));
        assertEquals(EXPORT_MS - 2500, flow.startMs());
        assertEquals(EXPORT_MS - 500, flow.endMs());
    }

    @Test
    @DisplayName("sysUpTime-relative times (IE 22/21) count from the exporter's systemInitTimeMilliseconds (IE 160) in options")
    void uptimeWithSystemInitTime() {
        long init = EXPORT_MS - 3_600_000;
        decoder.decode(EXPORTER, ExportBuilder.ipfix(EXPORT_SECS, 1).optionsTemplate(300, 1, f(143, 4), f(160, 8))
                .data(300, r -> r.u32(1).u64(init)).build(), EXPORT_MS, sink);
        Flow flow = flowWith(r -> r.u32(1_000).u32(4_000), f(22, 4), f(21, 4));
        assertEquals(init + 1_000, flow.startMs());
        assertEquals(init + 4_000, flow.endMs());
    }

    @Test
    @DisplayName("without systemInitTimeMilliseconds, sysUpTime-relative times end at the export time")
    void uptimeWithoutSystemInitTime() {
        Flow flow = flowWith(r -> r.u32(1_000).u32(4_000), f(22, 4), f(21, 4));
        assertEquals(EXPORT_MS - 3_000, flow.startMs());
        assertEquals(EXPORT_MS, flow.endMs());
    }

    @Test
    @DisplayName("a record without times started and ended at the export time")
    void noTimes() {
        Flow flow = flowWith(r -> { });
        assertEquals(EXPORT_MS, flow.startMs());
        assertEquals(EXPORT_MS, flow.endMs());
    }

    @Test
    @DisplayName("an end before the start is clamped to the start rather than losing the flow")
    void endBeforeStart() {
        Flow flow = flowWith(r -> r.u64(EXPORT_MS).u64(EXPORT_MS - 10_000), f(152, 8), f(153, 8));
        assertEquals(EXPORT_MS, flow.startMs());
        assertEquals(EXPORT_MS, flow.endMs());
    }

    @Test
    @DisplayName("only an end time: the flow starts when it ends")
    void onlyEnd() {
        Flow flow = flowWith(r -> r.u64(EXPORT_MS - 700), f(153, 8));
        assertEquals(EXPORT_MS - 700, flow.startMs());
        assertEquals(EXPORT_MS - 700, flow.endMs());
    }
}
