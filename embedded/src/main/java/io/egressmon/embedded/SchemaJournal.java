package io.egressmon.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.egressmon.registry.LocalSchemaRegistry;
import io.egressmon.registry.SchemaRegistryException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded registry's journal file: one JSON line per new version, appended before the version
 * is handed out and replayed at the next start, so ids stay the same across restarts of the
 * all-in-one launcher, whose Kafka data (framed with those ids) outlives the process.
 */
final class SchemaJournal implements LocalSchemaRegistry.NewVersions {
    private static final Logger LOG = LoggerFactory.getLogger(SchemaJournal.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    /** Set while the file is read back: what it already holds is not appended again. */
    private boolean replaying;

    private SchemaJournal(Path file) {
        this.file = file;
    }

    /** A registry holding what {@code file} holds (if it exists), appending every new version to it. */
    static LocalSchemaRegistry open(Path file) {
        SchemaJournal journal = new SchemaJournal(file);
        LocalSchemaRegistry registry = new LocalSchemaRegistry(journal);
        journal.replayInto(registry);
        return registry;
    }

    private void replayInto(LocalSchemaRegistry registry) {
        if (!Files.exists(file)) {
            return;
        }
        replaying = true;
        try {
            int replayed = 0;
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode entry = JSON.readTree(line);
                registry.register(entry.path("subject").asText(), new Schema.Parser().parse(entry.path("schema").asText()));
                replayed++;
            }
            LOG.info("schema registry journal {}: {} versions replayed", file, replayed);
        } catch (IOException | AvroRuntimeException | SchemaRegistryException e) {
            throw new IllegalStateException("cannot replay schema registry journal " + file
                    + " (delete it together with the Kafka data it describes): " + e, e);
        } finally {
            replaying = false;
        }
    }

    @Override
    public void adding(String subject, Schema schema) {
        if (replaying) {
            return;
        }
        try {
            String line = JSON.writeValueAsString(Map.of("subject", subject, "schema", schema.toString())) + "\n";
            Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                    StandardOpenOption.SYNC);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to schema registry journal " + file, e);
        }
    }
}
