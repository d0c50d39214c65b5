package io.egressmon.streams.flows;

import io.egressmon.api.coverage.StepCoverage;
import io.egressmon.avro.FlowCoverage;
import io.egressmon.avro.SpokeBandwidthWindow;
import io.egressmon.avro.TalkerRole;
import io.egressmon.streams.CommitPacer;
import io.egressmon.streams.flows.FlowStats.Counter;
import io.egressmon.streams.talkers.StoreKey;
import io.egressmon.streams.talkers.TalkerTable;
import java.time.Duration;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.WindowStore;

/**
 * {@code flow-coverage}: for each final hourly counter window of {@code bandwidth.spoke-windows}, the
 * gateway's flow egress of that hour (its EXTERNAL talker table's total in {@code flow-talkers-1h})
 * against the counted egress, written to {@code flows.coverage}. The counters' hour is final six hours
 * after it ended, long after the flows' hour closed (one hour of grace), so both sides are final. Only
 * hours the gateway exported flows in, after an hour it also did, are written (an export's first hour
 * is partial): history from before the flows began is not judged.
 */
final class CoverageProcessor implements Processor<String, SpokeBandwidthWindow, String, FlowCoverage> {
    static final String HOURLY = Duration.ofHours(1).toString();

    private final FlowSettings settings;
    private final FlowStats stats;
    private ProcessorContext<String, FlowCoverage> context;
    /** Asks for a commit while the instance keeps up (CommitPacer). */
    private CommitPacer.Paced paced;
    private WindowStore<String, TalkerTable> hourly;

    CoverageProcessor(FlowSettings settings, FlowStats stats) {
        this.settings = settings;
        this.stats = stats;
    }

    @Override
    public void init(ProcessorContext<String, FlowCoverage> context) {
        this.context = context;
        this.paced = CommitPacer.attach(context);
        this.hourly = context.getStateStore(FlowTalkersTopology.STORE_1H);
    }

    @Override
    public void process(Record<String, SpokeBandwidthWindow> record) {
        paced.seen();
        SpokeBandwidthWindow w = record.value();
        if (record.key() == null || w == null || !HOURLY.equals(w.getGranularity())) {
            return; // 5-minute windows, tombstones
        }
        String key = new StoreKey(record.key(), TalkerRole.EXTERNAL).toString();
        long hour = w.getWindowStart().toEpochMilli();
        TalkerTable flows = hourly.fetch(key, hour);
        if (flows == null || hourly.fetch(key, hour - FlowTalkersTopology.HOUR.toMillis()) == null) {
            return;
        }
        long counted = w.getEgressRxBytes() + w.getEgressTxBytes();
        Double ratio = StepCoverage.ratio(flows.totalBytes(), counted);
        boolean suspect = ratio == null ? flows.totalBytes() > 0
                : ratio < settings.coverageLow() || ratio > settings.coverageHigh();
        stats.increment(Counter.COVERAGE_HOURS);
        if (suspect) {
            stats.increment(Counter.SAMPLING_SUSPECT_HOURS);
        }
        context.forward(new Record<>(record.key(), new FlowCoverage(record.key(), w.getWindowStart(), w.getWindowEnd(),
                flows.totalBytes(), counted, ratio, suspect, settings.coverageLow(), settings.coverageHigh()),
                w.getWindowEnd().toEpochMilli()));
    }
}
