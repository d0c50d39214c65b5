package io.egressmon.app.bench;

import io.egressmon.streams.StreamsApp;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The streams app being measured, in this JVM or in its own. */
interface MeasuredStreams extends AutoCloseable {
    long pid();

    /** The port of its REST API on loopback ({@code /health}). */
    int httpPort();

    /** @throws IllegalStateException when it is gone */
    ProcStatus status();

    long heapAfterGcMib();

    void pause();

    void resume();

    @Override
    void close();

    /** @param settings more settings of the instance ({@code EGRESSMON_*}) */
    static MeasuredStreams inProcess(LocalCluster cluster, Path dir, Map<String, String> settings) {
        StreamsApp app = StreamsApp.start(cluster.streamsConfig(dir.resolve("state"), settings));
        return new MeasuredStreams() {
            @Override
            public long pid() {
                return ProcessHandle.current().pid();
            }

            @Override
            public int httpPort() {
                return app.httpPort();
            }

            @Override
            public ProcStatus status() {
                return ProcStatus.self();
            }

            @Override
            public long heapAfterGcMib() {
                System.gc();
                return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 20;
            }

            @Override
            public void pause() {
                app.streams().pause();
            }

            @Override
            public void resume() {
                app.streams().resume();
            }

            @Override
            public void close() {
                app.close();
            }
        };
    }

    /** @param settings more settings of the instance ({@code EGRESSMON_*}), in its environment */
    static MeasuredStreams child(LocalCluster cluster, Path dir, List<String> jvm, Map<String, String> settings) {
        StreamsChild child = StreamsChild.start(cluster, dir, jvm, settings);
        System.out.printf("streams role in its own JVM (pid %d, %s), log %s%n", child.pid(), String.join(" ", jvm), child.log());
        return new MeasuredStreams() {
            @Override
            public long pid() {
                return child.pid();
            }

            @Override
            public int httpPort() {
                return child.httpPort();
            }

            @Override
            public ProcStatus status() {
                if (!child.alive()) {
                    throw new IllegalStateException("the streams JVM exited; see " + child.log());
                }
                return ProcStatus.of(child.pid());
            }

            @Override
            public long heapAfterGcMib() {
                return child.heapAfterGcMib();
            }

            @Override
            public void pause() {
                child.pause();
            }

            @Override
            public void resume() {
                child.resume();
            }

            @Override
            public void close() {
                child.close();
            }
        };
    }
}
