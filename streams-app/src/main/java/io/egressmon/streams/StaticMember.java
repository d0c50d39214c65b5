package io.egressmon.streams;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The {@code group.instance.id} of an instance with a state directory of its own: made once, kept
 * in the state directory, the same after every restart. With it the instance is a static member
 * of the group (KIP-345): when it comes back after a crash or a {@code kill -9}, it takes its
 * place and its tasks at once, instead of waiting for the group to give up on the dead member
 * after {@code session.timeout.ms} (45 s) and rebalance. Two instances can never share it: Kafka
 * Streams locks the state directory, and each stream thread adds its index to it.
 */
final class StaticMember {
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._-]{1,200}");

    private StaticMember() {
    }

    /** The id kept in {@code stateDir} for {@code applicationId}, made and written on first use. */
    static String id(Path stateDir, String applicationId) {
        Path file = stateDir.resolve(applicationId + ".instance-id");
        try {
            if (Files.exists(file)) {
                String id = Files.readString(file).strip();
                if (VALID.matcher(id).matches()) {
                    return id;
                }
                throw new IllegalStateException(file + " does not hold an instance id (\"" + id
                        + "\"); delete it and a new one is made");
            }
            Files.createDirectories(stateDir);
            String id = applicationId + "-" + UUID.randomUUID();
            Path written = Files.writeString(file.resolveSibling(file.getFileName() + ".tmp"), id + "\n");
            Files.move(written, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return id;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write the instance id " + file + ": " + e.getMessage(), e);
        }
    }
}
