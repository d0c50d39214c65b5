package io.egressmon.copilot.sim.flowiq;

import io.egressmon.avro.FlowDirection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;

/**
 * FlowIQ's field aggregation over a {@link FlowEstate}: the records at whole minutes in
 * {@code [gte, lte]} that match the query, their bytes summed per value of one field, the biggest
 * {@code size} values first (ties by key, ascending).
 *
 * <p>Cost is O(conversations), not O(minutes): a conversation's records all share their fields, so
 * the query is evaluated once per conversation and direction, and the bytes over the range come in
 * closed form. A query that pins {@code netflow.gw_name} looks only at those spokes.
 */
public final class FieldAgg {

    /** One key of the answer: {@code {"key": "23.185.0.3", "value": 26889267504}}. */
    public record Bucket(String key, long value) {
    }

    private static final Comparator<Bucket> ORDER = Comparator.comparingLong(Bucket::value).reversed()
            .thenComparing(Bucket::key);

    private final FlowEstate flows;
    private final LongAdder closedFormSums = new LongAdder();

    public FieldAgg(FlowEstate flows) {
        this.flows = Objects.requireNonNull(flows, "flows");
    }

    /** The answer to {@code request} with records up to {@code now}. */
    public List<Bucket> run(FieldAggRequest request, Instant now) {
        Map<String, Long> totals = totals(request.field(), request.query(), request.gte(), request.lte(), now);
        List<Bucket> buckets = new ArrayList<>(totals.size());
        totals.forEach((key, value) -> buckets.add(new Bucket(key, value)));
        buckets.sort(ORDER);
        return List.copyOf(buckets.subList(0, Math.min(request.size(), buckets.size())));
    }

    /** Every key with bytes, unsorted and uncut: what {@link #run} ranks. */
    public Map<String, Long> totals(FlowField field, LuceneQuery query, Instant gte, Instant lte, Instant now) {
        long first = FlowEstate.firstMinuteAtOrAfter(gte);
        long last = FlowEstate.lastMinuteAtOrBefore(lte);
        Map<String, Long> totals = new HashMap<>();
        for (String gateway : gateways(query)) {
            List<long[]> spans = flows.recordMinutes(gateway, first, last, now);
            if (spans.isEmpty()) {
                continue;
            }
            for (Conversation conversation : flows.conversations(gateway)) {
                for (FlowDirection direction : FlowDirection.values()) {
                    FlowRecord record = conversation.record(direction);
                    if (query.matches(record)) {
                        long bytes = FlowEstate.sum(conversation, direction, spans);
                        closedFormSums.increment();
                        if (bytes > 0) {
                            totals.merge(record.value(field), bytes, Long::sum);
                        }
                    }
                }
            }
        }
        return totals;
    }

    /** How many per-conversation closed-form sums all queries so far have needed: the work they did. */
    public long closedFormSums() {
        return closedFormSums.sum();
    }

    private Collection<String> gateways(LuceneQuery query) {
        Optional<Set<String>> pinned = query.possibleValues(FlowField.GW_NAME);
        return pinned.isPresent() ? pinned.get() : flows.spokes();
    }
}
