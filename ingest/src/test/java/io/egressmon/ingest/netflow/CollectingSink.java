package io.egressmon.ingest.netflow;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** A sink that keeps what it is given, for assertions. */
class CollectingSink implements FlowSink {
    final List<Flow> flows = new ArrayList<>();
    final Map<Dropped, Long> dropped = new EnumMap<>(Dropped.class);
    final List<InterfaceCounters> counters = new ArrayList<>();

    @Override
    public void flow(InetAddress exporter, Flow flow) {
        flows.add(flow);
    }

    @Override
    public void interfaceCounters(InetAddress exporter, InterfaceCounters c) {
        counters.add(c);
    }

    @Override
    public void dropped(InetAddress exporter, Dropped reason, long count) {
        dropped.merge(reason, count, Long::sum);
    }

    long dropped(Dropped reason) {
        return dropped.getOrDefault(reason, 0L);
    }

    Flow only() {
        if (flows.size() != 1) {
            throw new AssertionError("expected one flow, got " + flows);
        }
        return flows.get(0);
    }

    long bytes() {
        return flows.stream().mapToLong(Flow::bytes).sum();
    }

    long packets() {
        return flows.stream().mapToLong(Flow::packets).sum();
    }
}
