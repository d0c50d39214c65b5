package io.egressmon.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The dashboard's metric names are read by {@link PromQl} and {@link GrafanaDashboard}; these say
 * what they find and what they leave out, and check the dashboard and its provisioning without a
 * pipeline. {@code GrafanaDashboardIT} checks the names against a live scrape.
 */
class GrafanaDashboardTest {

    @Nested
    @DisplayName("PromQL metric names")
    class Names {
        @Test
        @DisplayName("a quantile over a histogram reads the _bucket series, not the function, the by-list, the matchers or the Grafana range")
        void histogramQuantile() {
            assertEquals(Set.of("egressmon_rest_request_duration_seconds_bucket"), PromQl.metricNames(
                    "histogram_quantile(0.99, sum by (le, route) (rate(egressmon_rest_request_duration_seconds_bucket"
                            + "{instance=~\"$streams_instance\", route!=\"other\"}[$__rate_interval])))"));
        }

        @Test
        @DisplayName("both sides of a binary operation count; on/ignoring/group_left lists, offset, bool and set operators do not")
        void binaryOperations() {
            assertEquals(Set.of("a_total", "b", "c", "d"), PromQl.metricNames(
                    "sum(rate(a_total[5m] offset 1h30m)) / ignoring(x) group_left(y, z) b > bool 1e-3 and on(job) c unless d * 0x1f"));
        }

        @Test
        @DisplayName("keywords are read in any case, a trailing by-clause is a label list")
        void keywordsAnyCase() {
            assertEquals(Set.of("x"), PromQl.metricNames("SUM(x) BY (le) OR Inf"));
        }

        @Test
        @DisplayName("identifiers in strings, in label values and in Grafana variables are no metrics; __name__ matchers are")
        void stringsAndVariables() {
            assertEquals(Set.of("m", "n"), PromQl.metricNames(
                    "label_replace(m{job=\"not_a_metric\"}, \"dst\", \"$1\", \"src\", \"(.*)\") + {__name__=\"n\", a='b'}"
                            + " * ${factor:raw} + [[legacy]] + count_values(`value`, m)"));
        }

        @Test
        @DisplayName("a subquery's range and step are not names")
        void subquery() {
            assertEquals(Set.of("up"), PromQl.metricNames("max_over_time(rate(up[1m])[1h:5m] @ start())"));
        }

        @Test
        @DisplayName("an unclosed bracket or string is refused, not read as names")
        void unclosed() {
            assertThrows(IllegalArgumentException.class, () -> PromQl.metricNames("rate(x[5m)"));
            assertThrows(IllegalArgumentException.class, () -> PromQl.metricNames("x{a=\"b}"));
        }
    }

    @Nested
    @DisplayName("dashboard queries")
    class Queries {
        @Test
        @DisplayName("label_values keeps its selector (commas included), query_result its expression; label-only forms read no metric")
        void variables() {
            assertEquals("up{job=\"a\",x=\"b\"}", GrafanaDashboard.variableExpression("label_values(up{job=\"a\",x=\"b\"}, instance)"));
            assertEquals("topk(3, up)", GrafanaDashboard.variableExpression("query_result(topk(3, up))"));
            assertNull(GrafanaDashboard.variableExpression("label_values(instance)"));
            assertNull(GrafanaDashboard.variableExpression("metrics(egressmon_.*)"));
        }

        @Test
        @DisplayName("panels at the top, panels inside a collapsed row and templating queries are all read")
        void everyPlace() {
            GrafanaDashboard d = GrafanaDashboard.parse("""
                    {"panels": [
                      {"type": "timeseries", "title": "top", "targets": [{"refId": "A", "expr": "a_total"}]},
                      {"type": "row", "title": "r", "collapsed": true, "panels": [
                        {"type": "stat", "title": "nested", "targets": [{"refId": "A", "expr": "b"}, {"refId": "B", "expr": "c"}]},
                        {"type": "text", "title": "empty"}]}],
                     "templating": {"list": [
                      {"type": "query", "name": "v1", "query": "label_values(d, instance)"},
                      {"type": "query", "name": "v2", "query": {"query": "label_values(e{x=\\"y\\"}, job)", "refId": "q"}},
                      {"type": "custom", "name": "v3", "query": "a,b"}]}}
                    """);
            assertEquals(List.of("panel \"top\" target A", "panel \"nested\" target A", "panel \"nested\" target B",
                    "variable $v1", "variable $v2"), d.queries.stream().map(GrafanaDashboard.Query::where).toList());
            assertEquals(Set.of("a_total", "b", "c", "d", "e"), d.metricNames());
            assertEquals(List.of("panel \"empty\""), d.panelsWithoutQueries);
        }

        @Test
        @DisplayName("a name no scrape carries is caught: an unknown metric, a histogram's bare family name, a counter's _bucket")
        void unknownNameIsCaught() {
            Map<String, PrometheusText.Family> scrape = PrometheusText.parse("""
                    # TYPE egressmon_collector_flows_total counter
                    egressmon_collector_flows_total 3.0
                    # TYPE req_seconds histogram
                    req_seconds_bucket{le="0.1"} 1.0
                    req_seconds_bucket{le="+Inf"} 2.0
                    req_seconds_count 2.0
                    req_seconds_sum 0.3
                    """);
            GrafanaDashboard d = GrafanaDashboard.parse("""
                    {"panels": [{"type": "timeseries", "title": "p", "targets": [
                      {"refId": "A", "expr": "rate(egressmon_collector_flows_total[1m])"},
                      {"refId": "B", "expr": "histogram_quantile(0.5, rate(req_seconds_bucket[1m])) + rate(req_seconds_sum[1m])"},
                      {"refId": "C", "expr": "rate(egressmon_no_such_metric_total[1m])"},
                      {"refId": "D", "expr": "req_seconds + egressmon_collector_flows_total_bucket"}]}]}
                    """);
            Map<String, Set<String>> unknown = new java.util.TreeMap<>();
            d.unknownNames(List.of(scrape)).forEach((q, names) -> unknown.put(q.where(), names));
            assertEquals(Map.of("panel \"p\" target C", Set.of("egressmon_no_such_metric_total"),
                    "panel \"p\" target D", Set.of("egressmon_collector_flows_total_bucket", "req_seconds")), unknown);
        }
    }

    @Nested
    @DisplayName("deploy/: the dashboard, its provisioning and Prometheus' configuration")
    class Deploy {
        private final GrafanaDashboard dashboard = GrafanaDashboard.read(GrafanaDashboard.EGRESSMON);

        @Test
        @DisplayName("every panel has a query, and every query reads at least one metric")
        void everyPanelQueries() {
            assertTrue(dashboard.panelsWithoutQueries.isEmpty(), "panels without queries: " + dashboard.panelsWithoutQueries);
            assertTrue(dashboard.queries.size() >= 30, "only " + dashboard.queries.size() + " queries");
            for (GrafanaDashboard.Query q : dashboard.queries) {
                assertTrue(!q.metricNames().isEmpty(), q.where() + " reads no metric: " + q.expr());
            }
        }

        @Test
        @DisplayName("every metric the dashboard reads is a family docs/metrics.md lists (a histogram's series by their family)")
        void namesAreDocumented() throws IOException {
            String doc = Files.readString(GrafanaDashboard.ROOT.resolve("docs/metrics.md"));
            List<String> wildcards = new ArrayList<>();
            Matcher w = Pattern.compile("`([a-z_]+_)\\*`").matcher(doc);
            while (w.find()) {
                wildcards.add(w.group(1));
            }
            Set<String> undocumented = new TreeSet<>();
            for (String name : dashboard.metricNames()) {
                String family = name.replaceFirst("_(bucket|sum|count)$", "");
                if (!doc.contains("`" + name + "`") && !doc.contains("`" + family + "`")
                        && wildcards.stream().noneMatch(name::startsWith)) {
                    undocumented.add(name);
                }
            }
            assertTrue(undocumented.isEmpty(), "not in docs/metrics.md: " + undocumented);
        }

        @Test
        @DisplayName("every panel, target and variable uses the datasource Grafana is provisioned with")
        void provisionedDatasource() throws IOException {
            Matcher uid = Pattern.compile("(?m)^\\s*uid:\\s*(\\S+)\\s*$").matcher(Files.readString(GrafanaDashboard.DATASOURCE));
            assertTrue(uid.find(), "no uid in " + GrafanaDashboard.DATASOURCE);
            List<String> others = new ArrayList<>();
            collectDatasources(dashboard.json, "", uid.group(1), others);
            assertTrue(others.isEmpty(), "datasources other than " + uid.group(1) + ": " + others);
        }

        @Test
        @DisplayName("Prometheus scrapes services docker-compose.yml defines, and compose mounts the files deploy/ holds")
        void composeAndPrometheusAgree() throws IOException {
            String compose = Files.readString(GrafanaDashboard.ROOT.resolve("docker-compose.yml"));
            Matcher target = Pattern.compile("\"([a-z0-9-]+):(\\d+)\"").matcher(Files.readString(GrafanaDashboard.PROMETHEUS_CONFIG));
            int targets = 0;
            while (target.find()) {
                if (!target.group(1).equals("localhost")) {
                    targets++;
                    assertTrue(Pattern.compile("(?m)^  " + target.group(1) + ":$").matcher(compose).find(),
                            "prometheus.yml scrapes " + target.group() + ", not a docker-compose service");
                }
            }
            assertEquals(4, targets, "streams-1, streams-2, ingest, collector");
            for (String mounted : List.of("deploy/prometheus/prometheus.yml", "deploy/grafana/provisioning", "deploy/grafana/dashboards")) {
                assertTrue(compose.contains("./" + mounted + ":"), "docker-compose.yml does not mount " + mounted);
                assertTrue(Files.exists(GrafanaDashboard.ROOT.resolve(mounted)), mounted + " is missing");
            }
        }

        private void collectDatasources(JsonNode node, String path, String uid, List<String> others) {
            if (node.isObject()) {
                JsonNode ds = node.get("datasource");
                if (ds != null && !(ds.path("uid").asText().equals(uid) || ds.path("type").asText().equals("grafana"))) {
                    others.add(path + ": " + ds);
                }
                node.fields().forEachRemaining(e -> collectDatasources(e.getValue(), path + "/" + e.getKey(), uid, others));
            } else if (node.isArray()) {
                for (int i = 0; i < node.size(); i++) {
                    collectDatasources(node.get(i), path + "/" + i, uid, others);
                }
            }
        }
    }
}
