package io.egressmon.ingest.netflow;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** A {@link FlowSink} that keeps what it is given, for assertions. */
final class SflowRecordingSink implements FlowSink {
    final List<Flow> flows = new ArrayList<>();
    final Map<Dropped, Long> dropped = new EnumMap<>(Dropped.class);
    final List<InterfaceCounters> counters = new ArrayList<>();

    @Override
    public void flow(InetAddress exporter, Flow flow) {
        flows.add(flow);
    }

    @Override
    public void dropped(InetAddress exporter, Dropped reason, long count) {
        dropped.merge(reason, count, Long::sum);
    }

    @Override
    public void interfaceCounters(InetAddress exporter, InterfaceCounters c) {
        counters.add(c);
    }

    Flow only() {
        if (flows.size() != 1) {
            throw new AssertionError("expected one flow, got " + flows);
        }
        return flows.get(0);
    }
}
