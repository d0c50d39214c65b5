package io.egressmon.api;

import java.util.List;

/** The paths of the REST API (docs/design.md, "REST API"). */
public final class Endpoints {
    public static final String BANDWIDTH = "/api/v1/bandwidth";
    public static final String SERIES = "/api/v1/bandwidth/series";
    public static final String GATEWAYS = "/api/v1/gateways";
    public static final String TOP_TALKERS = "/api/v1/top-talkers";
    public static final String COVERAGE = "/api/v1/coverage";
    public static final String FLOWS = "/api/v1/flows";
    public static final String COST = "/api/v1/cost";
    /** Budget alerts raised in a month and where each budget stands (docs/budgets.md). */
    public static final String ALERTS = "/api/v1/alerts";
    public static final String HEALTH = "/health";
    public static final String READY = "/ready";
    /** Prometheus text format on every role: the streams app's REST port, the ingest's and collector's health port (docs/metrics.md). */
    public static final String METRICS = "/metrics";
    /** Internal: one instance's part of an all-spokes bandwidth answer. */
    public static final String BANDWIDTH_PARTIAL = "/internal/v1/bandwidth/partial";
    /** Internal: one instance's part of a top-talkers answer. */
    public static final String TALKERS_PARTIAL = "/internal/v1/talkers/partial";
    /** Internal: one instance's hourly counter or flow windows (for coverage). */
    public static final String COVERAGE_PARTIAL = "/internal/v1/coverage/partial";
    /** Internal: one instance's part of a cost answer. */
    public static final String COST_PARTIAL = "/internal/v1/cost/partial";
    /** Internal: one instance's part of the live flow table. */
    public static final String FLOWS_PARTIAL = "/internal/v1/flows/partial";
    /** Internal: one instance's alerts and budget standings. */
    public static final String ALERTS_PARTIAL = "/internal/v1/alerts/partial";
    /** On the ingest's or collector's health port, when it was given {@code --ovsdb}: Open vSwitch's bridges. */
    public static final String OVS_BRIDGES = "/api/v1/ovs/bridges";
    /** The public ones, in the order error messages list them. */
    public static final List<String> PUBLIC = List.of(BANDWIDTH, SERIES, GATEWAYS, TOP_TALKERS, COVERAGE, FLOWS,
            COST, ALERTS, HEALTH, READY);
    /** Marks a request one instance forwarded to the owner of a gateway, so it is never forwarded again. */
    public static final String FORWARDED_HEADER = "X-Egressmon-Forwarded";

    private Endpoints() {
    }
}
