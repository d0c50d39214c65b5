package io.egressmon.ingest.ovsdb;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Duration;

/** The byte streams to an OVSDB server, over a unix domain socket or TCP. */
final class OvsdbSocket implements Closeable {
    private final InputStream in;
    private final OutputStream out;
    private final Closeable socket;

    private OvsdbSocket(InputStream in, OutputStream out, Closeable socket) {
        this.in = in;
        this.out = out;
        this.socket = socket;
    }

    /** Connects, giving up on TCP after {@code timeout}; the exception names the address. */
    static OvsdbSocket connect(OvsdbAddress address, Duration timeout) throws OvsdbException {
        try {
            if (address instanceof OvsdbAddress.Unix unix) {
                return unix(unix);
            }
            return tcp((OvsdbAddress.Tcp) address, timeout);
        } catch (IOException e) {
            throw new OvsdbException("cannot connect to OVSDB at " + address + ": " + describe(e), e);
        }
    }

    InputStream in() {
        return in;
    }

    OutputStream out() {
        return out;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    private static OvsdbSocket tcp(OvsdbAddress.Tcp tcp, Duration timeout) throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(tcp.host(), tcp.port()), Math.toIntExact(timeout.toMillis()));
            socket.setTcpNoDelay(true);
            return new OvsdbSocket(socket.getInputStream(), socket.getOutputStream(), socket);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    /*
     * Not Channels.newInputStream/newOutputStream: on Java 17 both hold the channel's blocking lock while
     * they read or write, so a reader thread waiting for the next reply would stop every request from
     * being sent. The channel itself reads and writes under separate locks.
     */
    private static OvsdbSocket unix(OvsdbAddress.Unix unix) throws IOException {
        SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(unix.path()));
        InputStream in = new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                int n = read(one, 0, 1);
                return n < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return len == 0 ? 0 : channel.read(ByteBuffer.wrap(b, off, len));
            }
        };
        OutputStream out = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                ByteBuffer buffer = ByteBuffer.wrap(b, off, len);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
            }
        };
        return new OvsdbSocket(in, out, channel);
    }

    /** The exception's message, or its type when it has none (a bare ConnectException says little). */
    static String describe(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
