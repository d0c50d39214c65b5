package io.egressmon.app.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * Sends a {@link NetflowLoad}'s datagrams to the collector on this thread, exporter after exporter,
 * each from its own socket bound to its own loopback address, until {@code datagrams} are sent.
 * How fast is a {@link Pace}.
 */
final class NetflowSender implements AutoCloseable {

    /**
     * {@code full}: as fast as the socket takes them (what the kernel cannot queue is dropped and
     * counted by it); {@code keep-up}: never more than {@link #WINDOW} datagrams ahead of what the
     * collector has read, so its capacity is measured without loss; or a fixed rate in flows/s.
     */
    record Pace(String text, double flowsPerSecond, boolean keepUp) {
        static Pace parse(String text) {
            return switch (text) {
                case "full" -> new Pace(text, 0, false);
                case "keep-up" -> new Pace(text, 0, true);
                default -> {
                    double rate = Double.parseDouble(text);
                    if (rate <= 0) {
                        throw new IllegalArgumentException("--rate must be full, keep-up or a positive number of flows/s");
                    }
                    yield new Pace(text, rate, false);
                }
            };
        }
    }

    /**
     * Datagrams in flight at most in keep-up mode: about 2.5 MB of socket memory (a 1.1 KB datagram
     * costs about 2.3 KB of it on loopback), well inside the 8 MiB receive buffer the collector gets.
     */
    static final int WINDOW = 1000;

    private final NetflowLoad load;
    private final List<DatagramChannel> channels = new ArrayList<>();

    /** Binds one socket per exporter, each connected to the collector socket its exporter sends to. */
    NetflowSender(NetflowLoad load, List<InetSocketAddress> collector) throws IOException {
        this.load = load;
        for (int e = 0; e < load.exporters.size(); e++) {
            DatagramChannel channel = DatagramChannel.open();
            channels.add(channel);
            channel.bind(new InetSocketAddress(load.exporters.get(e).address(), 0));
            channel.connect(collector.get(e % collector.size()));
        }
    }

    /**
     * Sends {@code datagrams} datagrams at {@code pace}; {@code received} is how many the collector has
     * read so far (keep-up only). Returns the nanoTime of the first send.
     */
    long send(long datagrams, Pace pace, LongSupplier received) {
        int exporters = channels.size();
        double nanosPerDatagram = pace.flowsPerSecond() > 0 ? 1e9 * NetflowLoad.FLOWS_PER_DATAGRAM / pace.flowsPerSecond() : 0;
        long started = System.nanoTime();
        try {
            for (long i = 0; i < datagrams; i++) {
                if (nanosPerDatagram > 0) {
                    long due = started + (long) (i * nanosPerDatagram);
                    long early = due - System.nanoTime();
                    if (early > 50_000) {
                        LockSupport.parkNanos(early);
                    }
                } else if (pace.keepUp() && (i & 31) == 0) {
                    while (i - received.getAsLong() > WINDOW) {
                        LockSupport.parkNanos(20_000);
                    }
                }
                int e = (int) (i % exporters);
                List<ByteBuffer> pool = load.exporters.get(e).datagrams();
                ByteBuffer datagram = pool.get((int) (i / exporters % pool.size()));
                datagram.rewind();
                channels.get(e).write(datagram);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("sending to the collector", e);
        }
        return started;
    }

    @Override
    public void close() throws IOException {
        for (DatagramChannel c : channels) {
            c.close();
        }
    }
}
