package io.egressmon.streams;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether an instance's last stop was clean, kept as a file beside its state directory, and what an
 * unclean stop costs: the local stores are dropped at the next start and rebuilt from their
 * changelogs.
 *
 * <p>Why: with transactional state stores (KIP-892) Kafka Streams 4.4 keeps each store's changelog
 * offset inside the store (KIP-1035) with RocksDB's write-ahead log off; a window store keeps it in
 * every one of its segments, each a RocksDB of its own, and reads it back from the newest. After a
 * {@code kill -9} an offset can survive while writes before it did not: in {@code BrokerFaultIT} a
 * partition's 5-minute windows of two days were gone after the restart, the store restored only the
 * changelog's last records from the offset it had kept, and answers called the period complete. A
 * store rebuilt from its changelog holds exactly what was committed, whatever the disk kept.
 *
 * <p>A clean stop is one in which Kafka Streams closed within its time (it then committed and closed
 * every store); anything else — a crash, {@code kill -9}, a close that gave up while Kafka was away —
 * leaves no mark. The process metadata (the process id that keeps the transactional ids, so that the
 * instance fences its own open transaction at once) is kept.
 */
final class CleanStop {
    private static final Logger LOG = LoggerFactory.getLogger(CleanStop.class);
    /** Kafka Streams' directories of task state ({@code 1_3}) and of the global stores. */
    private static final Pattern STATE = Pattern.compile("\\d+_\\d+|global");

    private CleanStop() {
    }

    /**
     * Before Kafka Streams starts: when the last stop left no mark, drops the local state of
     * {@code applicationId} under {@code stateDir} (unless another process holds it), and removes the
     * mark either way, so that a crash of this run leaves none.
     *
     * @return how many state directories were dropped
     */
    static int prepare(Path stateDir, String applicationId) {
        Path mark = mark(stateDir, applicationId);
        try {
            if (Files.deleteIfExists(mark)) {
                return 0;
            }
            Path appDir = stateDir.resolve(applicationId);
            List<Path> state = stateDirectories(appDir);
            if (state.isEmpty()) {
                return 0;
            }
            if (!unlocked(appDir)) {
                // Another instance runs on this directory; Kafka Streams will refuse to start and say so.
                return 0;
            }
            LOG.warn("the last stop was not clean (a crash, kill -9, or a stop that could not commit): the local state "
                    + "in {} ({} task and global directories) is rebuilt from the changelogs", appDir, state.size());
            for (Path dir : state) {
                delete(dir);
            }
            return state.size();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot check how the last run left the state directory " + stateDir + ": "
                    + e.getMessage(), e);
        }
    }

    /** After Kafka Streams closed within its time: the next start keeps the local state. */
    static void record(Path stateDir, String applicationId) {
        Path mark = mark(stateDir, applicationId);
        try {
            Files.writeString(mark, "Kafka Streams closed cleanly; the local state is kept at the next start\n");
        } catch (IOException e) {
            LOG.warn("cannot write {}: the next start rebuilds the local state from the changelogs ({})", mark, e.toString());
        }
    }

    /** Deletes {@code dir} whole or throws: a store half deleted would be read as it is. */
    static void delete(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    static Path mark(Path stateDir, String applicationId) {
        return stateDir.resolve(applicationId + ".clean-stop");
    }

    private static List<Path> stateDirectories(Path appDir) throws IOException {
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(appDir)) {
            return out;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(appDir)) {
            for (Path entry : entries) {
                if (Files.isDirectory(entry) && STATE.matcher(entry.getFileName().toString()).matches()) {
                    out.add(entry);
                }
            }
        }
        return out;
    }

    /** True when no process holds Kafka Streams' lock of {@code appDir} (taken and let go at once). */
    private static boolean unlocked(Path appDir) throws IOException {
        Path lockFile = appDir.resolve(".lock");
        if (!Files.exists(lockFile)) {
            return true;
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                LOG.warn("{} is locked by another process: its local state is left alone", appDir);
                return false;
            }
            lock.release();
            return true;
        } catch (OverlappingFileLockException e) {
            LOG.warn("{} is locked by this process already: its local state is left alone", appDir);
            return false;
        }
    }
}
