package io.egressmon.ingest.netflow;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Datagrams the kernel dropped because a socket's receive buffer was full: the {@code drops} column
 * of {@code /proc/net/udp} and {@code /proc/net/udp6}, summed over this process's sockets bound to
 * the given ports (a socket is this process's when its inode is among {@code /proc/self/fd}'s). Zero
 * where {@code /proc} is not Linux's (the figure is then unknown, not "none": {@link #available()}).
 */
final class KernelDrops {
    private static final Path PROC = Path.of("/proc");

    private KernelDrops() {
    }

    /** True when this system has the files the count is read from. */
    static boolean available() {
        return Files.isReadable(PROC.resolve("net/udp"));
    }

    /** The kernel's drop count summed over this process's UDP sockets on {@code ports}. */
    static long of(Set<Integer> ports) {
        if (!available() || ports.isEmpty()) {
            return 0;
        }
        Set<String> inodes = socketInodes();
        long drops = 0;
        for (String table : List.of("net/udp", "net/udp6")) {
            drops += drops(PROC.resolve(table), ports, inodes);
        }
        return drops;
    }

    /** Reads one table; a line of an unexpected shape is skipped (the count is then a lower bound). */
    static long drops(Path table, Set<Integer> ports, Set<String> inodes) {
        List<String> lines;
        try {
            lines = Files.readAllLines(table);
        } catch (IOException e) {
            return 0;
        }
        long sum = 0;
        for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
            String[] f = line.strip().split("\\s+");
            // sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode ref pointer drops
            if (f.length < 13) {
                continue;
            }
            int colon = f[1].lastIndexOf(':');
            try {
                int port = Integer.parseInt(f[1].substring(colon + 1).toLowerCase(Locale.ROOT), 16);
                if (ports.contains(port) && inodes.contains(f[9])) {
                    sum += Long.parseLong(f[f.length - 1]);
                }
            } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
                // not a socket line
            }
        }
        return sum;
    }

    private static Set<String> socketInodes() {
        Set<String> inodes = new HashSet<>();
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(PROC.resolve("self/fd"))) {
            for (Path fd : fds) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring(8, target.length() - 1));
                    }
                } catch (IOException e) {
                    // closed meanwhile
                }
            }
        } catch (IOException e) {
            return inodes;
        }
        return inodes;
    }
}
