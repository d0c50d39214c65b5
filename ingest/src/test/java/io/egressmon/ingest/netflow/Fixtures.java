package io.egressmon.ingest.netflow;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The captured exporter output under {@code src/test/resources/netflow/} (see the README there): each
 * file is a sequence of datagrams, each a 4-byte big-endian length then the UDP payload; and
 * {@code truth.csv}, the flows of the pcap they were made from.
 */
final class Fixtures {
    /** One flow of the pcap, as {@code make_pcap.py} wrote it. */
    record TrueFlow(String src, String dst, int protocol, int srcPort, int dstPort, long packets, long bytes) {
    }

    private Fixtures() {
    }

    static List<byte[]> datagrams(String resource) {
        try (DataInputStream in = new DataInputStream(open(resource))) {
            List<byte[]> datagrams = new ArrayList<>();
            while (true) {
                int length;
                try {
                    length = in.readInt();
                } catch (EOFException end) {
                    return datagrams;
                }
                byte[] datagram = new byte[length];
                in.readFully(datagram);
                datagrams.add(datagram);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<TrueFlow> truth() {
        try (InputStream in = open("truth.csv")) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII).lines().skip(1).map(line -> {
                String[] f = line.split(",");
                return new TrueFlow(f[0], f[1], Integer.parseInt(f[2]), Integer.parseInt(f[3]), Integer.parseInt(f[4]),
                        Long.parseLong(f[5]), Long.parseLong(f[6]));
            }).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every datagram of every capture, for the fuzz test to mutate. */
    static List<byte[]> all() {
        List<byte[]> all = new ArrayList<>();
        for (String file : CAPTURES) {
            all.addAll(datagrams(file));
        }
        return all;
    }

    static final List<String> CAPTURES = Arrays.asList(
            "v5/softflowd-v5.bin", "v5/softflowd-v5-sampled2.bin",
            "v9/softflowd-v9.bin", "v9/softflowd-v9-milli.bin", "v9/softflowd-v9-sampled2.bin", "v9/pmacctd-v9.bin",
            "ipfix/softflowd-ipfix.bin", "ipfix/softflowd-ipfix-milli.bin", "ipfix/softflowd-ipfix-sampled2.bin",
            "ipfix/pmacctd-ipfix.bin", "ipfix/pmacctd-ipfix-sampled2.bin", "ipfix/ovs-ipfix.bin");

    private static InputStream open(String resource) throws IOException {
        InputStream in = Fixtures.class.getResourceAsStream("/netflow/" + resource);
        if (in == null) {
            throw new IOException("no test resource /netflow/" + resource);
        }
        return in;
    }
}
