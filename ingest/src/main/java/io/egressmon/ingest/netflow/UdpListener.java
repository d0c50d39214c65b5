package io.egressmon.ingest.netflow;

import io.egressmon.avro.FlowBatch;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.net.SocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.List;
import java.nio.channels.DatagramChannel;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One UDP socket and the thread that reads it: receive, decode, and hand the flows on in short
 * batches per exporter ({@link BatchSink}). It never stops on bad input: every datagram is counted once (decoded or malformed by
 * reason), and a decoder bug is logged and counted, not thrown.
 */
final class UdpListener implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(UdpListener.class);
    private static final int MAX_DATAGRAM = 65_535;

    private final DatagramChannel channel;
    private final DatagramDecoder decoder;
    private final BatchSink sink;
    private final CollectorStats stats;
    private final Consumer<FlowBatch> out;
    private final Thread thread;
    private final InetSocketAddress bound;

    UdpListener(String name, InetSocketAddress address, int receiveBuffer, DatagramDecoder decoder, BatchSink sink,
                CollectorStats stats, Consumer<FlowBatch> out) throws IOException {
        this.channel = DatagramChannel.open(address.getAddress() instanceof java.net.Inet6Address
                ? java.net.StandardProtocolFamily.INET6 : java.net.StandardProtocolFamily.INET);
        try {
            channel.setOption(StandardSocketOptions.SO_RCVBUF, receiveBuffer);
            channel.bind(address);
            int granted = channel.getOption(StandardSocketOptions.SO_RCVBUF);
            if (granted < receiveBuffer) {
                log.warn("{}: asked for a {}-byte receive buffer, the kernel granted {} (raise net.core.rmem_max): "
                        + "bursts may be dropped, counted as kernel drops", name, receiveBuffer, granted);
            }
        } catch (IOException e) {
            channel.close();
            throw new IOException("cannot listen on UDP " + address + " for " + name + ": " + e.getMessage(), e);
        }
        this.bound = (InetSocketAddress) channel.getLocalAddress();
        this.decoder = decoder;
        this.sink = sink;
        this.stats = stats;
        this.out = out;
        this.thread = new Thread(this::run, name + "-" + bound.getPort());
        this.thread.setDaemon(true);
    }

    UdpListener start() {
        thread.start();
        log.info("{} listening on UDP {}", thread.getName(), bound);
        return this;
    }

    InetSocketAddress address() {
        return bound;
    }

    /**
     * Receives until the socket closes. Waiting at most {@link BatchSink#LINGER_MS} for a datagram, so
     * a batch whose exporter went quiet is written on time; at close, what waits is written.
     */
    private void run() {
        ByteBuffer buffer = ByteBuffer.allocateDirect(MAX_DATAGRAM);
        try (Selector selector = Selector.open()) {
            channel.configureBlocking(false);
            channel.register(selector, SelectionKey.OP_READ);
            while (channel.isOpen()) {
                selector.select(BatchSink.LINGER_MS);
                selector.selectedKeys().clear();
                InetSocketAddress from;
                while (channel.isOpen() && (from = (InetSocketAddress) receive(buffer)) != null) {
                    buffer.flip();
                    handle(from.getAddress(), buffer, System.currentTimeMillis());
                }
                write(sink.due(System.currentTimeMillis(), false));
            }
        } catch (ClosedChannelException | ClosedSelectorException e) {
            // closed: the loop is over
        } catch (IOException e) {
            log.error("{}: the socket failed; the listener stops: {}", thread.getName(), e.toString(), e);
        } finally {
            write(sink.due(System.currentTimeMillis(), true));
        }
    }

    /** The next datagram's sender, or null when none waits; a failed receive is logged and skipped. */
    private SocketAddress receive(ByteBuffer buffer) throws ClosedChannelException {
        try {
            buffer.clear();
            return channel.receive(buffer);
        } catch (ClosedChannelException e) {
            throw e;
        } catch (IOException e) {
            log.warn("{}: receive failed: {}", thread.getName(), e.toString());
            return null;
        }
    }

    /** Decodes one datagram into the sink's batches and writes those that are full. */
    void handle(InetAddress exporter, ByteBuffer datagram, long receivedAtMs) {
        Malformed outcome;
        sink.receiving(receivedAtMs);
        try {
            outcome = decoder.decode(exporter, datagram, receivedAtMs, sink);
        } catch (RuntimeException e) {
            // A decoder bug: the datagram is counted malformed and the listener goes on.
            outcome = Malformed.BAD_RECORD;
            stats.decoderErrors.incrementAndGet();
            log.error("{}: the decoder failed on a {}-byte datagram from {} (counted as malformed)", thread.getName(),
                    datagram.limit(), exporter.getHostAddress(), e);
        }
        // Flows before the datagram: whoever sees the datagram counted also sees its flows.
        stats.flows(exporter, sink.added());
        stats.received(exporter, outcome);
        write(sink.due(receivedAtMs, false));
    }

    private void write(List<FlowBatch> batches) {
        batches.forEach(out);
    }

    /** Closes the socket (which ends the thread's receive) and waits briefly for the thread. */
    @Override
    public void close() throws InterruptedException {
        try {
            channel.close();
        } catch (IOException e) {
            log.warn("{}: closing the socket: {}", thread.getName(), e.toString());
        }
        thread.join(5_000);
    }
}
