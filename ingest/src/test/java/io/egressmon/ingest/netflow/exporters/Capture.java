package io.egressmon.ingest.netflow.exporters;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;

/**
 * A UDP socket on 127.0.0.1, on a port the system picks, that keeps every datagram an exporter sends
 * it. The same bytes are then fed to our decoder and re-sent to nfcapd, so both read identical input.
 */
public final class Capture implements AutoCloseable {
    /** One datagram's payload and when it arrived (epoch ms). */
    public record Datagram(byte[] bytes, long receivedAtMs) {
    }

    private final DatagramSocket socket;
    private final List<Datagram> received = new ArrayList<>();
    private final Thread receiver;
    private volatile long lastArrivalNanos = System.nanoTime();

    private Capture() {
        try {
            socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            socket.setReceiveBufferSize(4 << 20);
            socket.setSoTimeout(20);
        } catch (SocketException e) {
            throw new UncheckedIOException("cannot bind a UDP socket on 127.0.0.1", e);
        }
        receiver = new Thread(this::receive, "capture-" + socket.getLocalPort());
        receiver.setDaemon(true);
        receiver.start();
    }

    public static Capture open() {
        return new Capture();
    }

    int port() {
        return socket.getLocalPort();
    }

    /** host:port, as exporters take a target. */
    public String target() {
        return "127.0.0.1:" + port();
    }

    public List<Datagram> datagrams() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    /** Waits until nothing has arrived for {@code quiet}, and returns all received. */
    public List<Datagram> awaitQuiet(Duration quiet) {
        while (System.nanoTime() - lastArrivalNanos < quiet.toNanos()) {
            sleep(Duration.ofMillis(20));
        }
        return datagrams();
    }

    /** Waits until what arrived satisfies {@code done}, at most {@code max}; returns what arrived either way. */
    public List<Datagram> awaitUntil(Predicate<List<Datagram>> done, Duration max) {
        long deadline = System.nanoTime() + max.toNanos();
        while (!done.test(datagrams()) && System.nanoTime() < deadline) {
            sleep(Duration.ofMillis(50));
        }
        return datagrams();
    }

    /** Sends {@code datagrams} to 127.0.0.1:{@code port} in order, paced so a collector's socket buffer keeps up. */
    static void replay(List<Datagram> datagrams, int port) {
        replay(datagrams, InetAddress.getLoopbackAddress(), port);
    }

    /**
     * As {@link #replay(List, int)}, sent from a socket bound to {@code from} (e.g. 127.0.1.N: Linux routes
     * all of 127/8 to lo), so a collector sees the datagrams come from that exporter address.
     */
    public static void replay(List<Datagram> datagrams, InetAddress from, int port) {
        InetSocketAddress to = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
        try (DatagramSocket out = new DatagramSocket(new InetSocketAddress(from, 0))) {
            for (int i = 0; i < datagrams.size(); i++) {
                byte[] bytes = datagrams.get(i).bytes();
                out.send(new DatagramPacket(bytes, bytes.length, to));
                if (i % 32 == 31) {
                    sleep(Duration.ofMillis(2));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot re-send the capture to 127.0.0.1:" + port, e);
        }
    }

    private void receive() {
        byte[] buffer = new byte[65_535];
        while (!socket.isClosed()) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
            } catch (SocketTimeoutException e) {
                continue;
            } catch (IOException e) {
                return; // closed
            }
            Datagram d = new Datagram(Arrays.copyOfRange(buffer, 0, packet.getLength()), System.currentTimeMillis());
            synchronized (received) {
                received.add(d);
            }
            lastArrivalNanos = System.nanoTime();
        }
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @Override
    public void close() {
        socket.close();
        try {
            receiver.join(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
