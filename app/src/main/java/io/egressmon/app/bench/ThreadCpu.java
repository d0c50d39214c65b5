package io.egressmon.app.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * CPU time per group of threads of this JVM between two snapshots: a first answer to "where does the
 * time go" when broker, registry, streams app, collector and sender share one process. Threads are
 * grouped by name with digits folded ({@code data-plane-kafka-request-handler-#}); threads that ended
 * in between are missed.
 */
final class ThreadCpu {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final Map<Long, Long> nanos = new HashMap<>();
    private final Map<Long, String> names = new HashMap<>();

    private ThreadCpu() {
    }

    static ThreadCpu snapshot() {
        ThreadCpu s = new ThreadCpu();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            long cpu = THREADS.getThreadCpuTime(t.getId());
            if (cpu >= 0) {
                s.nanos.put(t.getId(), cpu);
                s.names.put(t.getId(), t.getName());
            }
        }
        return s;
    }

    /** CPU seconds per thread group since {@code before}, largest first, the {@code top} largest. */
    List<Map.Entry<String, Double>> since(ThreadCpu before, int top) {
        Map<String, Double> groups = new HashMap<>();
        nanos.forEach((id, cpu) -> {
            long delta = cpu - before.nanos.getOrDefault(id, 0L);
            String group = names.get(id).replaceAll("[0-9]+", "#");
            groups.merge(group, delta / 1e9, Double::sum);
        });
        return groups.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .limit(top).collect(Collectors.toList());
    }

    /** Process CPU seconds (all threads, GC and JIT included) so far. */
    static double processSeconds() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1e9;
    }
}
