package io.egressmon.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The parts a launcher started, closed in reverse order of start. */
final class Pipeline implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Pipeline.class);
    private final Deque<AutoCloseable> parts = new ArrayDeque<>();

    <T extends AutoCloseable> T add(T part) {
        parts.push(part);
        return part;
    }

    @Override
    public synchronized void close() {
        while (!parts.isEmpty()) {
            AutoCloseable part = parts.pop();
            try {
                part.close();
            } catch (Exception e) {
                log.warn("closing {} failed: {}", part.getClass().getSimpleName(), e.toString(), e);
            }
        }
    }

    /**
     * Blocks until the JVM is asked to stop (Ctrl-C, SIGTERM), closing {@code running} in the shutdown
     * hook rather than after it, so the stop waits for a clean close: ingest aborts its open
     * transaction, Kafka Streams commits, the broker flushes.
     */
    static void awaitShutdown(AutoCloseable running) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("stopping");
            try {
                running.close();
            } catch (Exception e) {
                log.warn("error while stopping: {}", e.toString(), e);
            } finally {
                stopped.countDown();
            }
        }, "egressmon-shutdown"));
        stopped.await();
    }

    /**
     * The simulator's clock anchor, kept in the data directory: the simulated counters are a function
     * of it, so a restart on the same data must see the same history the watermarks point into.
     */
    static Instant simulatorAnchor(Path dataDir) {
        Path file = dataDir.resolve("simulator-anchor.txt");
        try {
            if (Files.exists(file)) {
                return Instant.parse(Files.readString(file).trim());
            }
            Instant anchor = Instant.now().truncatedTo(ChronoUnit.MINUTES);
            Files.writeString(file, anchor + "\n");
            return anchor;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write " + file, e);
        }
    }

    static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot delete " + p, e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }
}
