package io.egressmon.ingest.netflow.exporters;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes a classic libpcap file (not pcapng: softflowd and pmacctd read both through libpcap, and the
 * classic one is twenty lines): a 24-byte global header, then a 16-byte record header before each
 * Ethernet frame, all little-endian, microsecond timestamps.
 */
final class PcapWriter {
    static final int MAGIC = 0xa1b2c3d4;
    static final int LINKTYPE_ETHERNET = 1;
    static final int SNAPLEN = 65535;

    private PcapWriter() {
    }

    static Path write(Path file, List<Packet> packets) {
        int size = 24 + packets.stream().mapToInt(p -> 16 + p.frame().length).sum();
        ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(MAGIC).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(SNAPLEN).putInt(LINKTYPE_ETHERNET);
        for (Packet p : packets) {
            b.putInt((int) (p.timestampMicros() / 1_000_000)).putInt((int) (p.timestampMicros() % 1_000_000))
                .putInt(p.frame().length).putInt(p.frame().length).put(p.frame());
        }
        try {
            return Files.write(file, b.array());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the pcap " + file, e);
        }
    }
}
