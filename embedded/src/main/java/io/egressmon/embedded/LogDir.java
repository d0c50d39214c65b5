package io.egressmon.embedded;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import kafka.server.KafkaConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.metadata.storage.Formatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The embedded broker's log directory: formatted for KRaft on first use, deleted when it was temporary. */
final class LogDir {
    private static final Logger LOG = LoggerFactory.getLogger(LogDir.class);

    private LogDir() {
    }

    /**
     * Formats {@code logDir} for a new single-node cluster unless it already holds one ({@code meta.properties}).
     *
     * @return whether it was formatted now (a first start)
     */
    static boolean formatIfNew(Path logDir, KafkaConfig config, int nodeId, String controllerListener) {
        if (Files.exists(logDir.resolve("meta.properties"))) {
            return false;
        }
        Formatter formatter = new Formatter()
                .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                .setNodeId(nodeId)
                .setClusterId(Uuid.randomUuid().toString())
                .setControllerListenerName(controllerListener)
                .setMetadataLogDirectory(config.metadataLogDir())
                .addDirectory(config.metadataLogDir());
        config.logDirs().forEach(formatter::addDirectory);
        try {
            formatter.run();
        } catch (Exception e) {
            throw new IllegalStateException("cannot format the Kafka log dir " + logDir + ": " + e.getMessage(), e);
        }
        return true;
    }

    /** Deletes {@code dir} and everything in it; a failure is logged, not thrown (the broker is gone either way). */
    static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("could not delete the embedded Kafka log dir {}: {}", dir, e.toString());
        }
    }
}
