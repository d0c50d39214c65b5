package io.egressmon.schemas;

/** Names of every topic the pipeline reads or writes; tests and docker-compose use the same names. */
public final class Topics {
    /** Compacted; key = gw_name; value = {@code Gateway}; a tombstone removes a gateway. */
    public static final String INVENTORY = "copilot.inventory";
    /** Key = gateway; value = {@code CounterSnapshot}. */
    public static final String COUNTER_SNAPSHOTS = "copilot.counter-snapshots";
    /** Compacted; key = gateway; value = {@code PollWatermark}. */
    public static final String POLL_WATERMARKS = "ingest.watermarks";
    /** Key = gateway; value = {@code SpokeBandwidthWindow}: final totals of closed windows. */
    public static final String SPOKE_WINDOWS = "bandwidth.spoke-windows";
    /** Key = gateway; value = {@code TalkerBytes}: one IP of one FlowIQ sub-query. */
    public static final String TALKER_BYTES = "flowiq.talker-bytes";
    /** Compacted; key = gateway; value = {@code FlowiqWatermark}. */
    public static final String FLOWIQ_WATERMARKS = "ingest.flowiq-watermarks";
    /** Key = gateway; value = {@code TalkerTopN}: final top-N of closed windows. */
    public static final String TALKERS_TOP_N = "talkers.top-n";

    private Topics() {
    }
}
