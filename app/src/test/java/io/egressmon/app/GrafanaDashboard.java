package io.egressmon.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The PromQL a Grafana dashboard JSON runs: every panel's targets (rows' nested panels included)
 * and every query variable of its templating, each with where it stands, so a test can check the
 * names against a scrape and have Prometheus evaluate the expressions.
 */
final class GrafanaDashboard {
    /** The dashboard docker-compose.yml provisions. */
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final Path EGRESSMON = ROOT.resolve("deploy/grafana/dashboards/egressmon.json");
    /** The Prometheus configuration docker-compose.yml mounts. */
    static final Path PROMETHEUS_CONFIG = ROOT.resolve("deploy/prometheus/prometheus.yml");
    /** The datasource Grafana is provisioned with; every panel must use its uid. */
    static final Path DATASOURCE = ROOT.resolve("deploy/grafana/provisioning/datasources/prometheus.yml");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Grafana's {@code label_values(metric_or_selector, label)}; greedy so a selector's commas stay in the metric part. */
    private static final Pattern LABEL_VALUES = Pattern.compile("\\s*label_values\\s*\\((.*),\\s*([a-zA-Z_][a-zA-Z0-9_]*)\\s*\\)\\s*",
            Pattern.DOTALL);
    private static final Pattern QUERY_RESULT = Pattern.compile("\\s*query_result\\s*\\((.*)\\)\\s*", Pattern.DOTALL);

    /** One PromQL expression of the dashboard; {@code where} names the panel and target, or the variable. */
    record Query(String where, String expr) {
        Set<String> metricNames() {
            return PromQl.metricNames(expr);
        }
    }

    final JsonNode json;
    final List<Query> queries = new ArrayList<>();
    /** Panels (not rows) without a single query: a dashboard edit that lost its expression. */
    final List<String> panelsWithoutQueries = new ArrayList<>();

    GrafanaDashboard(JsonNode json) {
        this.json = json;
        panels(json.path("panels"));
        for (JsonNode row : json.path("rows")) { // the pre-5.0 layout, in case one is pasted in
            panels(row.path("panels"));
        }
        for (JsonNode variable : json.path("templating").path("list")) {
            if (variable.path("type").asText().equals("query")) {
                JsonNode q = variable.path("query");
                String text = q.isObject() ? q.path("query").asText() : q.asText();
                String expr = variableExpression(text);
                if (expr != null) {
                    queries.add(new Query("variable $" + variable.path("name").asText(), expr));
                }
            }
        }
    }

    static GrafanaDashboard read(Path file) {
        try {
            return new GrafanaDashboard(JSON.readTree(file.toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static GrafanaDashboard parse(String json) {
        try {
            return new GrafanaDashboard(JSON.readTree(json));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The PromQL inside a query variable's text: {@code label_values(expr, label)} and
     * {@code query_result(expr)} hold one; {@code label_values(label)}, {@code label_names()} and
     * {@code metrics(regex)} read no metric by name (null).
     */
    static String variableExpression(String text) {
        Matcher m = LABEL_VALUES.matcher(text);
        if (m.matches()) {
            return m.group(1).trim();
        }
        m = QUERY_RESULT.matcher(text);
        return m.matches() ? m.group(1).trim() : null;
    }

    private void panels(JsonNode panels) {
        for (JsonNode panel : panels) {
            boolean row = panel.path("type").asText().equals("row");
            String title = (row ? "row " : "panel ") + '"' + panel.path("title").asText() + '"';
            int before = queries.size();
            for (JsonNode target : panel.path("targets")) {
                if (target.hasNonNull("expr")) {
                    queries.add(new Query(title + " target " + target.path("refId").asText(), target.path("expr").asText()));
                }
            }
            if (!row && queries.size() == before) {
                panelsWithoutQueries.add(title);
            }
            panels(panel.path("panels")); // a collapsed row holds its panels
        }
    }

    /** Every metric name any query reads. */
    Set<String> metricNames() {
        Set<String> all = new TreeSet<>();
        queries.forEach(q -> all.addAll(q.metricNames()));
        return all;
    }

    /**
     * Per query, the names it reads that no scrape carries as a series. Compared with sample names,
     * not family names: {@code x_bucket} exists only where {@code x} is a histogram, {@code x_sum} where
     * it is a histogram or a summary, and a histogram's bare family name is no series at all.
     */
    Map<Query, Set<String>> unknownNames(Collection<Map<String, PrometheusText.Family>> scrapes) {
        Set<String> series = seriesNames(scrapes);
        Map<Query, Set<String>> unknown = new LinkedHashMap<>();
        for (Query q : queries) {
            Set<String> missing = new TreeSet<>(q.metricNames());
            missing.removeAll(series);
            if (!missing.isEmpty()) {
                unknown.put(q, missing);
            }
        }
        return unknown;
    }

    static Set<String> seriesNames(Collection<Map<String, PrometheusText.Family>> scrapes) {
        Set<String> series = new TreeSet<>();
        for (Map<String, PrometheusText.Family> families : scrapes) {
            families.values().forEach(f -> f.samples().forEach(s -> series.add(s.name())));
        }
        return series;
    }
}
