package io.egressmon.streams.flows;

import io.egressmon.api.flows.FlowsRequest;
import java.util.Objects;
import org.apache.kafka.streams.query.Query;

/** An interactive query of a {@link FlowTableStore}: its part of the flow table up to {@code toMs}. */
public record FlowTableQuery(FlowsRequest request, long toMs) implements Query<FlowTableStore.Part> {
    public FlowTableQuery {
        Objects.requireNonNull(request, "request");
    }
}
