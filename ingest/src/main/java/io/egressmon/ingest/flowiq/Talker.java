package io.egressmon.ingest.flowiq;

import io.egressmon.avro.TalkerBytes;
import java.time.Instant;

/**
 * The bytes of one IP in one sub-query of one spoke and slice {@code [sliceStart, sliceEnd)}, as
 * written to {@code flowiq.talker-bytes}.
 *
 * @param truncated the sub-query's answer filled {@code size}: IPs smaller than the last one may be missing
 */
public record Talker(String gateway, Instant sliceStart, Instant sliceEnd, SubQuery query, String ip, long bytes,
                     boolean truncated) {

    public static final String SOURCE = "flowiq";

    public Talker {
        if (bytes < 0) {
            throw new IllegalArgumentException("negative bytes for " + ip + ": " + bytes);
        }
    }

    public TalkerBytes toAvro() {
        return TalkerBytes.newBuilder()
                .setGateway(gateway)
                .setSliceStart(sliceStart)
                .setSliceEnd(sliceEnd)
                .setRole(query.role())
                .setDirection(query.direction())
                .setIp(ip)
                .setBytes(bytes)
                .setTruncated(truncated)
                .setSource(SOURCE)
                .build();
    }
}
