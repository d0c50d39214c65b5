package io.egressmon.ingest.netflow;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.function.Consumer;

/**
 * Writes NetFlow v9 and IPFIX datagrams for tests: a header, then template, options template and data
 * sets in the order they are added.
 * <pre>
 * ExportBuilder.ipfix(EXPORT_SECS, 7).template(256, f(8, 4), f(12, 4), f(1, 4))
 *         .data(256, r -> r.ipv4("10.0.0.1").ipv4("10.0.0.2").u32(1500)).build();
 * </pre>
 */
final class ExportBuilder {
    /** A field specifier: element number, length, and enterprise number (0: none). */
    record Field(int ie, int length, long enterprise) {
    }

    static Field f(int ie, int length) {
        return new Field(ie, length, 0);
    }

    /** An enterprise-specific field (IPFIX only): bit 15 set, then the enterprise number. */
    static Field ef(int ie, int length, long enterprise) {
        return new Field(ie, length, enterprise);
    }

    static final int VARIABLE = 65535;

    private final boolean ipfix;
    private final long[] header;
    private final Bytes sets = new Bytes();
    private int records;

    private ExportBuilder(boolean ipfix, long... header) {
        this.ipfix = ipfix;
        this.header = header;
    }

    static ExportBuilder v9(long sysUptimeMs, long unixSecs, long sourceId) {
        return new ExportBuilder(false, sysUptimeMs, unixSecs, sourceId);
    }

    static ExportBuilder ipfix(long exportSecs, long domain) {
        return new ExportBuilder(true, exportSecs, domain);
    }

    ExportBuilder template(int id, Field... fields) {
        Bytes set = new Bytes().u16(id).u16(fields.length);
        fields(set, fields);
        return set(ipfix ? 2 : 0, set);
    }

    /** An options template whose first {@code scopes} fields are its scope. */
    ExportBuilder optionsTemplate(int id, int scopes, Field... fields) {
        Bytes set = new Bytes().u16(id);
        if (ipfix) {
            set.u16(fields.length).u16(scopes);
            fields(set, fields);
        } else {
            set.u16(scopes * 4).u16((fields.length - scopes) * 4);
            fields(set, fields);
            set.u16(0); // padding to 4 bytes, as exporters send it
        }
        return set(ipfix ? 3 : 1, set);
    }

    /** IPFIX template withdrawal: the id with field count 0 (2 or 3: all templates or options templates). */
    ExportBuilder withdraw(int id, boolean options) {
        return set(options ? 3 : 2, new Bytes().u16(id).u16(0));
    }

    /** A data set of {@code template}, one record per writer. */
    @SafeVarargs
    final ExportBuilder data(int template, Consumer<Bytes>... recordWriters) {
        Bytes set = new Bytes();
        for (Consumer<Bytes> writer : recordWriters) {
            writer.accept(set);
        }
        return set(template, set);
    }

    /** A set with any id and content, e.g. a reserved id. */
    ExportBuilder rawSet(int id, byte[] content) {
        return set(id, new Bytes().bytes(content));
    }

    ByteBuffer build() {
        byte[] body = sets.toByteArray();
        Bytes message = new Bytes();
        if (ipfix) {
            message.u16(10).u16(16 + body.length).u32(header[0]).u32(1).u32(header[1]);
        } else {
            message.u16(9).u16(records).u32(header[0]).u32(header[1]).u32(1).u32(header[2]);
        }
        return ByteBuffer.wrap(message.bytes(body).toByteArray());
    }

    private ExportBuilder set(int id, Bytes content) {
        byte[] c = content.toByteArray();
        sets.u16(id).u16(4 + c.length).bytes(c);
        records++;
        return this;
    }

    private static void fields(Bytes set, Field[] fields) {
        for (Field f : fields) {
            if (f.enterprise() != 0) {
                set.u16(f.ie() | 0x8000).u16(f.length()).u32(f.enterprise());
            } else {
                set.u16(f.ie()).u16(f.length());
            }
        }
    }

    /** Big-endian bytes, written in a chain. */
    static final class Bytes extends ByteArrayOutputStream {
        Bytes u8(long v) {
            write((int) v);
            return this;
        }

        Bytes u16(long v) {
            return u8(v >> 8).u8(v);
        }

        Bytes u32(long v) {
            return u16(v >> 16).u16(v);
        }

        Bytes u64(long v) {
            return u32(v >>> 32).u32(v);
        }

        /** An unsigned integer in {@code length} bytes (reduced-size encoding). */
        Bytes uint(long v, int length) {
            for (int i = length - 1; i >= 0; i--) {
                u8(v >>> (8 * i));
            }
            return this;
        }

        Bytes bytes(byte[] b) {
            write(b, 0, b.length);
            return this;
        }

        Bytes ipv4(String address) {
            return bytes(addr(address, 4));
        }

        Bytes ipv6(String address) {
            return bytes(addr(address, 16));
        }

        /** An IPFIX variable-length value: 1 length byte, or 255 and 2 length bytes when {@code longForm}. */
        Bytes variable(byte[] value, boolean longForm) {
            if (longForm) {
                u8(255).u16(value.length);
            } else {
                u8(value.length);
            }
            return bytes(value);
        }

        private static byte[] addr(String address, int length) {
            try {
                byte[] b = InetAddress.getByName(address).getAddress();
                if (b.length != length) {
                    throw new IllegalArgumentException(address + " is not " + length + " bytes");
                }
                return b;
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException(e);
            }
        }
    }
}
