package io.egressmon.app.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What Linux says about a process's memory and CPU ({@code /proc/PID/status} and {@code stat}): the
 * figures a benchmark reports for a JVM, whatever the JVM thinks of its own heap.
 *
 * @param rssKib     resident set size now ({@code VmRSS})
 * @param peakRssKib the largest resident set size so far ({@code VmHWM})
 * @param cpuSeconds user plus system CPU time so far (clock ticks of 1/100 s, Linux's {@code USER_HZ})
 */
record ProcStatus(long rssKib, long peakRssKib, double cpuSeconds) {

    static ProcStatus of(long pid) {
        Path dir = Path.of("/proc", Long.toString(pid));
        try {
            long rss = -1;
            long peak = -1;
            for (String line : Files.readAllLines(dir.resolve("status"))) {
                if (line.startsWith("VmRSS:")) {
                    rss = kib(line);
                } else if (line.startsWith("VmHWM:")) {
                    peak = kib(line);
                }
            }
            String stat = Files.readString(dir.resolve("stat"));
            // The command name (field 2) may hold spaces; the fields after its closing parenthesis are plain.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
            double cpu = (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0; // utime, stime: fields 14, 15
            return new ProcStatus(rss, peak, cpu);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dir + " (Linux only)", e);
        }
    }

    /**
     * CPU seconds so far per group of the process's threads, by the kernel's thread names (15
     * characters; digits folded, {@code GC Thread#0} and {@code GC Thread#1} are one group): the
     * native ones (RocksDB's, the JVM's) too, which a Java profiler does not see.
     */
    static Map<String, Double> threadCpu(long pid) {
        Map<String, Double> groups = new TreeMap<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks) {
                try {
                    String name = Files.readString(task.resolve("comm")).strip().replaceAll("[0-9]+", "#");
                    String stat = Files.readString(task.resolve("stat"));
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
                    groups.merge(name, (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0, Double::sum);
                } catch (IOException | RuntimeException e) {
                    // the thread ended meanwhile
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the threads of " + pid, e);
        }
        return groups;
    }

    /** {@code after − before} per group, largest first, the {@code top} largest, as "1.2 s name" items. */
    static String cpuSince(Map<String, Double> before, Map<String, Double> after, int top) {
        return after.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), e.getValue() - before.getOrDefault(e.getKey(), 0.0)))
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(top)
                .map(e -> String.format("%.1f s %s", e.getValue(), e.getKey())).collect(Collectors.joining(", "));
    }

    static ProcStatus self() {
        return of(ProcessHandle.current().pid());
    }

    private static long kib(String line) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
    }

    long rssMib() {
        return rssKib >> 10;
    }

    long peakRssMib() {
        return peakRssKib >> 10;
    }
}
