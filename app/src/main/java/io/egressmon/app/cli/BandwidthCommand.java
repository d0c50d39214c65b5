package io.egressmon.app.cli;

import io.egressmon.report.ApiError;
import io.egressmon.report.BandwidthQuery;
import io.egressmon.report.BandwidthReport;
import io.egressmon.report.GroupBy;
import io.egressmon.report.ReportFormat;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code report bandwidth}: the seed's {@code spoke_bandwidth_report.py}, reading from
 * {@code GET /api/v1/bandwidth} instead of CoPilot. Flags are the seed's, plus {@code --from/--to} and
 * {@code --url}. Exit codes: 0 printed; 1 the server's answer could not be read; 2 a usage error or the
 * server refused the request (400, 404, other 4xx); 3 the server is unreachable, timed out or answered
 * 503/5xx (worth retrying).
 */
@Command(name = "bandwidth", sortOptions = false,
        description = {
                "Per-spoke Internal (transit) vs Egress (internet) bandwidth, RX and TX, from interface counters.",
                "Period: --days N (default 30, ending now), --month M --year Y (a calendar month, UTC), "
                        + "or --from ISO --to ISO."})
public final class BandwidthCommand implements Callable<Integer> {
    public static final int EXIT_OK = 0;
    public static final int EXIT_BAD_RESPONSE = 1;
    public static final int EXIT_USAGE = 2;
    public static final int EXIT_UNAVAILABLE = 3;

    static final String DEFAULT_URL = "http://127.0.0.1:8080";
    static final int DEFAULT_DAYS = 30;

    @Spec
    CommandSpec spec;

    @Option(names = "--days", paramLabel = "N", description = "The last N days, ending now (default: 30).")
    Integer days;

    @Option(names = "--month", paramLabel = "M", description = "A calendar month (1-12, UTC); needs --year.")
    Integer month;

    @Option(names = "--year", paramLabel = "Y", description = "The year of --month.")
    Integer year;

    @Option(names = "--from", paramLabel = "ISO",
            description = "Period start: 2026-01-11T10:00:00Z, an offset time, or a date (UTC midnight); needs --to.")
    String from;

    @Option(names = "--to", paramLabel = "ISO", description = "Period end (exclusive), same forms as --from.")
    String to;

    @Option(names = "--gateway", paramLabel = "NAME", description = "Only this spoke gateway.")
    String gateway;

    @Option(names = "--group-by", paramLabel = "KEY", completionCandidates = GroupKeys.class,
            description = "Group spokes by: ${COMPLETION-CANDIDATES}.")
    String groupBy;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text",
            completionCandidates = OutputFormats.class,
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    String output;

    @Option(names = "--url", paramLabel = "URL", defaultValue = DEFAULT_URL,
            description = {"Base URL of the REST API,", "default ${DEFAULT-VALUE}."})
    String url;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "30",
            description = "Give up on the server after this many seconds (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Override
    public Integer call() {
        BandwidthQuery query = query();
        ReportFormat format = usage(() -> ReportFormat.fromFlag(output));
        if (timeoutSeconds < 1) {
            throw usageError("--timeout must be at least 1 second");
        }
        URI endpoint = endpoint(query);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();

        HttpResponse<String> response;
        try {
            response = fetch(endpoint);
        } catch (HttpTimeoutException e) {
            err.println("error: no answer from " + endpoint + " within " + timeoutSeconds + " s");
            err.flush();
            return EXIT_UNAVAILABLE;
        } catch (IOException e) {
            err.println("error: cannot reach egressmon at " + baseUrl() + " (" + describe(e) + ")");
            err.flush();
            return EXIT_UNAVAILABLE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("error: interrupted while waiting for " + endpoint);
            err.flush();
            return EXIT_UNAVAILABLE;
        }

        if (response.statusCode() != 200) {
            ApiError error = ApiError.fromResponse(response.statusCode(), response.body());
            err.println("error: " + error.describe());
            err.flush();
            return response.statusCode() >= 400 && response.statusCode() < 500 ? EXIT_USAGE : EXIT_UNAVAILABLE;
        }

        BandwidthReport report;
        try {
            report = BandwidthReport.fromApiJson(response.body());
        } catch (IllegalArgumentException e) {
            err.println("error: unexpected answer from " + endpoint + ": " + e.getMessage());
            err.flush();
            return EXIT_BAD_RESPONSE;
        }
        if (query.groupBy() != null && !report.grouped()) {
            // A server that ignored group_by: group here, the sums are the same.
            report = report.groupBy(query.groupBy());
        }
        out.print(format.render(report));
        out.flush();
        return EXIT_OK;
    }

    /** The request the flags describe, or a usage error saying which flags do not fit together. */
    BandwidthQuery query() {
        boolean byMonth = month != null || year != null;
        boolean byRange = from != null || to != null;
        int periods = (days != null ? 1 : 0) + (byMonth ? 1 : 0) + (byRange ? 1 : 0);
        if (periods > 1) {
            throw usageError("give one period: --days, --month with --year, or --from with --to");
        }
        if (byMonth && (month == null || year == null)) {
            throw usageError(month == null ? "--year needs --month" : "--month needs --year");
        }
        if (byRange && (from == null || to == null)) {
            throw usageError(from == null ? "--to needs --from" : "--from needs --to");
        }
        BandwidthQuery.Period period = usage(() -> {
            if (byMonth) {
                return new BandwidthQuery.CalendarMonth(year, month);
            }
            if (byRange) {
                return new BandwidthQuery.Between(instant("--from", from), instant("--to", to));
            }
            return new BandwidthQuery.LastDays(days != null ? days : DEFAULT_DAYS);
        });
        GroupBy grouping = groupBy == null ? null : usage(() -> GroupBy.fromKey(groupBy));
        return usage(() -> new BandwidthQuery(period, gateway, grouping));
    }

    private URI endpoint(BandwidthQuery query) {
        String base = baseUrl();
        try {
            URI uri = new URI(base + "/api/v1/bandwidth?" + query.toQueryString());
            boolean http = "http".equals(uri.getScheme()) || "https".equals(uri.getScheme());
            if (!http || uri.getHost() == null) {
                throw usageError("--url must be an http(s) URL such as " + DEFAULT_URL + ", got '" + url + "'");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw usageError("--url is not a valid URL: " + e.getMessage());
        }
    }

    private String baseUrl() {
        String base = url.strip();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return base;
    }

    private HttpResponse<String> fetch(URI endpoint) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(timeoutSeconds))
                .build();
        HttpRequest request = HttpRequest.newBuilder(endpoint)
                .timeout(Duration.ofSeconds(timeoutSeconds))
                .header("Accept", "application/json")
                .GET()
                .build();
        return client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** ISO instant, offset date-time, local date-time (UTC) or date (UTC midnight). */
    private static Instant instant(String flag, String value) {
        String s = value.strip();
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException notOffset) {
            try {
                return LocalDateTime.parse(s).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException notLocal) {
                try {
                    return LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant();
                } catch (DateTimeParseException notDate) {
                    throw new IllegalArgumentException(
                            flag + " must be an ISO time such as 2026-01-11T10:00:00Z or a date, got '" + value + "'");
                }
            }
        }
    }

    /** The JDK's connect failures often carry no message; say what happened in words. */
    private static String describe(IOException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                return t.getMessage();
            }
            if (t instanceof ConnectException) {
                return "connection refused";
            }
        }
        return e.getClass().getSimpleName();
    }

    private <T> T usage(Supplier<T> step) {
        try {
            return step.get();
        } catch (IllegalArgumentException e) {
            throw usageError(e.getMessage());
        }
    }

    private ParameterException usageError(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    /** The {@code --group-by} keys, for help and shell completion. */
    static final class GroupKeys extends ArrayList<String> {
        GroupKeys() {
            super(GroupBy.keys());
        }
    }

    /** The {@code --output} formats, for help and shell completion. */
    static final class OutputFormats extends ArrayList<String> {
        OutputFormats() {
            super(ReportFormat.flags());
        }
    }
}
