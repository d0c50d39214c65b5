package io.egressmon.streams.counters;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.internals.InternalProcessorContext;
import org.apache.kafka.streams.processor.internals.ProcessorNode;
import org.apache.kafka.streams.processor.internals.ProcessorRecordContext;

/**
 * Lets a processor forward records from inside a commit ({@link CommitHook.Listener#beforeCommit}),
 * as Kafka Streams' own record caches do when they flush: what it forwards then goes out in the
 * commit's transaction, with the state it stands on, so nothing it held in memory is lost or sent
 * twice, and one record can carry a whole commit's worth of work.
 *
 * <p>Outside {@code process} and punctuations Kafka Streams knows no current node or record, and
 * {@code forward} refuses; the caches set both around their flush (its {@code CacheFlushListener}s),
 * and so does {@link #forward}: the processor's node, captured at {@code init}, and the context of the
 * last record the processor was handed. This uses Kafka Streams' internal context, as the caches do;
 * {@link #of} fails at init, loudly, if the context is not the internal one.
 */
public final class CommitForwarder {
    private final InternalProcessorContext<?, ?> internal;
    private final ProcessorNode<?, ?, ?, ?> node;
    private ProcessorRecordContext last;

    private CommitForwarder(InternalProcessorContext<?, ?> internal, ProcessorNode<?, ?, ?, ?> node) {
        this.internal = internal;
        this.node = node;
    }

    /** For the processor being initialised with {@code context} (call it from {@code init}). */
    public static CommitForwarder of(ProcessorContext<?, ?> context) {
        if (!(context instanceof InternalProcessorContext<?, ?> internal) || internal.currentNode() == null) {
            throw new IllegalStateException("forwarding at commit needs Kafka Streams' internal processor context at init, got "
                    + context.getClass().getName());
        }
        return new CommitForwarder(internal, internal.currentNode());
    }

    /** Remembers the context of the record being processed: the one the forwards at commit go out with. */
    public void seen() {
        last = internal.recordContext();
    }

    /** Runs {@code forwards} (calls of the processor's {@code context.forward}) as if from the processor's node. */
    public void forward(Runnable forwards) {
        ProcessorNode<?, ?, ?, ?> previousNode = internal.currentNode();
        ProcessorRecordContext previousRecord = internal.recordContext();
        internal.setCurrentNode(node);
        internal.setRecordContext(last != null ? last : new ProcessorRecordContext(0L, -1L, -1, "", new RecordHeaders()));
        try {
            forwards.run();
        } finally {
            internal.setCurrentNode(previousNode);
            internal.setRecordContext(previousRecord);
        }
    }
}
