package io.egressmon.app.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

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
