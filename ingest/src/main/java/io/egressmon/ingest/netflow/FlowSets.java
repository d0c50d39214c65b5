package io.egressmon.ingest.netflow;

import java.nio.ByteBuffer;

/**
 * The framing NetFlow v9 and IPFIX share after their headers: sets (flowsets) of a 2-byte id and a
 * 2-byte length that includes those four bytes, one after another to the datagram's end.
 */
final class FlowSets {
    /** Reads the body {@code [from, to)} of one set with id {@code id}; null when read. */
    @FunctionalInterface
    interface SetReader {
        Malformed read(int id, int from, int to);
    }

    private FlowSets() {
    }

    /**
     * Hands every set from {@code at} to the limit to {@code reader}, stopping at the first problem: a
     * set header cut short or one running past the datagram ({@link Malformed#TRUNCATED}), a length
     * under 4 ({@link Malformed#BAD_SET}), or what {@code reader} says.
     */
    static Malformed each(ByteBuffer b, int at, SetReader reader) {
        while (at < b.limit()) {
            if (b.limit() - at < 4) {
                return Malformed.TRUNCATED;
            }
            int id = b.getShort(at) & 0xFFFF;
            int length = b.getShort(at + 2) & 0xFFFF;
            if (length < 4) {
                return Malformed.BAD_SET;
            }
            if (length > b.limit() - at) {
                return Malformed.TRUNCATED;
            }
            Malformed malformed = reader.read(id, at + 4, at + length);
            if (malformed != null) {
                return malformed;
            }
            at += length;
        }
        return null;
    }
}
