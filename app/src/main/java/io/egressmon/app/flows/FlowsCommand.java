package io.egressmon.app.flows;

import static io.egressmon.app.cli.ReportCommand.EXIT_OK;
import static io.egressmon.app.cli.ReportCommand.EXIT_USAGE;

import io.egressmon.api.ApiJson;
import io.egressmon.api.BadParameter;
import io.egressmon.api.Endpoints;
import io.egressmon.api.QueryParameters;
import io.egressmon.api.QueryString;
import io.egressmon.api.flows.FlowColumn;
import io.egressmon.api.flows.FlowFilter;
import io.egressmon.api.flows.FlowSort;
import io.egressmon.api.flows.FlowWindow;
import io.egressmon.api.flows.FlowsAnswer;
import io.egressmon.api.flows.FlowsCsv;
import io.egressmon.api.flows.FlowsRequest;
import io.egressmon.api.flows.Protocols;
import io.egressmon.app.cli.ApiOptions;
import io.egressmon.app.cli.OutputOptions;
import io.egressmon.report.ReportFormat;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code egressmon flows}: the live flow table of a running egressmon ({@code GET /api/v1/flows}), full
 * screen and refreshed every second, with keys to wildcard columns, sort, filter, pick a gateway or a
 * window, and pause; or, with {@code --once}, one table printed for scripts. Exit codes are
 * {@code egressmon report}'s; the monitor itself exits 0 on {@code q}, and 2 without a terminal.
 */
@Command(name = "flows", sortOptions = false,
        description = {"The live flow table: a full-screen view refreshed every second (keys: " + MonitorState.HELP + "),",
                "or one table with --once. Works against the REST API of any instance (--url)."})
public final class FlowsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--once", description = "Print the table once (text, csv or json) and exit, for scripts.")
    boolean once;

    @Option(names = "--window", paramLabel = "WINDOW", defaultValue = "10s",
            description = "How far back: 10s, 1m or 5m (default: ${DEFAULT-VALUE}); rates are over the window.")
    String window;

    @Option(names = "--aggregate", paramLabel = "COLUMNS", split = ",",
            description = "Columns to wildcard, collapsing the flows equal on the others: gateway, src_addr, dst_addr, "
                    + "src_port, dst_port, protocol.")
    java.util.List<String> aggregate;

    @Option(names = "--sort", paramLabel = "KEY", defaultValue = "rate",
            description = "rate, bytes, packets, flows, first_seen, last_seen or a column (default: ${DEFAULT-VALUE}).")
    String sort;

    @Option(names = "--order", paramLabel = "ORDER", defaultValue = "desc", description = "asc or desc (default: ${DEFAULT-VALUE}).")
    String order;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "" + FlowsRequest.DEFAULT_LIMIT,
            description = "Rows at most, 1-" + FlowsRequest.MAX_LIMIT + " (default: ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--gateway", paramLabel = "NAME", description = "Only this gateway's flows.")
    String gateway;

    @Option(names = "--exporter", paramLabel = "ADDR", description = "Only flows from this exporter address.")
    String exporter;

    @Option(names = "--src-addr", paramLabel = "CIDR", description = "Only sources in this IP or network.")
    String srcAddr;

    @Option(names = "--dst-addr", paramLabel = "CIDR", description = "Only destinations in this IP or network.")
    String dstAddr;

    @Option(names = "--protocol", paramLabel = "PROTO", description = "Only this protocol: a number or tcp, udp, icmp...")
    String protocol;

    @Option(names = "--port", paramLabel = "PORT", description = "Only flows with this source or destination port.")
    String port;

    @Option(names = "--health-url", paramLabel = "URL",
            description = "The ingest's health server (e.g. http://127.0.0.1:8081): the monitor's status line adds "
                    + "the collector's exporters, datagrams and drops.")
    String healthUrl;

    @Option(names = "--ovsdb", paramLabel = "ADDRESS",
            description = "Open vSwitch's OVSDB (unix:/var/run/openvswitch/db.sock or tcp:HOST:PORT): with --ovs-bridge, "
                    + "the status line shows the bridge's IPFIX exporter and the e key starts or stops it.")
    String ovsdb;
    @Option(names = "--ovs-bridge", paramLabel = "NAME", description = "The bridge whose exporter e starts and stops.")
    String ovsBridge;
    @Option(names = "--ovs-target", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:2055",
            description = "Where a started exporter sends IPFIX: the collector (default: ${DEFAULT-VALUE}).")
    String ovsTarget;
    @Option(names = "--ovs-sampling", paramLabel = "N", defaultValue = "1",
            description = "A started exporter sends 1 packet in N (default: ${DEFAULT-VALUE}).")
    long ovsSampling;
    @Mixin
    OutputOptions output;

    @Mixin
    ApiOptions api;

    @Override
    public Integer call() throws IOException, InterruptedException {
        FlowsRequest request = request();
        ReportFormat format = output.format(spec);
        if (once) {
            return api.getAndPrint(spec, Endpoints.FLOWS, request.toQuery(), FlowsAnswer.class, answer -> render(format, answer));
        }
        if (System.console() == null) {
            // Java 17: no console unless stdin and stdout are both a terminal.
            spec.commandLine().getErr().println("error: egressmon flows needs a terminal (stdin and stdout); "
                    + "use --once to print the table for scripts");
            spec.commandLine().getErr().flush();
            return EXIT_USAGE;
        }
        api.endpoint(spec, Endpoints.FLOWS, new QueryString()); // a bad --url is a usage error now, not a status line
        FlowsClient client = new FlowsClient(api.baseUrl(), api.timeout(spec));
        try (OvsPanel ovs = ovsPanel()) {
            new FlowMonitor(client, api.baseUrl(), health(), ovs, MonitorState.of(request)).run(new PrintStream(System.out, true));
        }
        return EXIT_OK;
    }

    /** The exporter panel when {@code --ovsdb} and {@code --ovs-bridge} are given, else null; a usage error for half of them. */
    private OvsPanel ovsPanel() {
        if (ovsdb == null && ovsBridge == null) {
            return null;
        }
        if (ovsdb == null || ovsBridge == null) {
            throw new ParameterException(spec.commandLine(), "--ovsdb and --ovs-bridge go together: give both or neither");
        }
        try {
            return new OvsPanel(ovsdb, ovsBridge, ovsTarget, ovsSampling);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    /** The request the flags describe, read by the server's rules, or a usage error naming the flag's parameter. */
    FlowsRequest request() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put(FlowWindow.PARAMETER, window);
        put(values, io.egressmon.api.QueryParameters.GATEWAY, gateway);
        put(values, FlowFilter.EXPORTER, exporter);
        put(values, FlowFilter.SRC_ADDR, srcAddr);
        put(values, FlowFilter.DST_ADDR, dstAddr);
        put(values, Protocols.PARAMETER, protocol);
        put(values, FlowFilter.PORT, port);
        put(values, FlowColumn.AGGREGATE, aggregate == null ? null : String.join(",", aggregate));
        values.put(FlowSort.PARAMETER, sort);
        values.put(FlowSort.ORDER, order);
        values.put(FlowsRequest.LIMIT, Integer.toString(limit));
        try {
            return FlowsRequest.parse(QueryParameters.of(values));
        } catch (BadParameter | IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private URI health() {
        if (healthUrl == null) {
            return null;
        }
        String base = healthUrl.strip().replaceAll("/+$", "");
        URI uri = URI.create(base.endsWith(Endpoints.HEALTH) ? base : base + Endpoints.HEALTH);
        if (uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
            throw new ParameterException(spec.commandLine(), "--health-url must be an http(s) URL such as "
                    + "http://127.0.0.1:8081, got '" + healthUrl + "'");
        }
        return uri;
    }

    private static void put(Map<String, String> values, String name, String value) {
        if (value != null) {
            values.put(name, value);
        }
    }

    /** The table as {@code --output} asks: text as the monitor shows it, the server's CSV, or the answer's JSON. */
    static String render(ReportFormat format, FlowsAnswer answer) {
        return switch (format) {
            case TEXT -> TableView.text(answer);
            case CSV -> FlowsCsv.write(answer);
            case JSON -> ApiJson.write(answer) + "\n";
        };
    }
}
