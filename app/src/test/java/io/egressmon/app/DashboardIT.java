package io.egressmon.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.egressmon.config.KafkaSettings;
import io.egressmon.config.Settings;
import io.egressmon.copilot.sim.CopilotSimulator;
import io.egressmon.copilot.sim.SimulatorConfig;
import io.egressmon.copilot.sim.flows.FlowExporter;
import io.egressmon.ingest.PollSettings;
import io.egressmon.ingest.netflow.CollectorSettings;
import io.egressmon.ingest.netflow.FlowCollector;
import io.egressmon.schemas.Topics;
import io.egressmon.report.cost.Dollars;
import io.egressmon.streams.StreamsApp;
import io.egressmon.streams.alerts.BudgetSettings;
import io.egressmon.streams.cost.CostSettings;
import java.io.File;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.logging.Level;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web dashboard in a real browser: Debian's headless Chromium, driven through Debian's
 * chromedriver, against a running pipeline (broker, simulator, ingest with two days of backfill,
 * the flow collector, a streams instance). What the page shows is compared with the REST API's own
 * answers; the page exposes what it drew as {@code window.egressmon} and in data attributes.
 */
@DisplayName("The web dashboard in headless Chromium against a running pipeline")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardIT {
    private static final File CHROMIUM = new File("/usr/bin/chromium");
    private static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");
    private static final Duration PIPELINE_TIMEOUT = Duration.ofMinutes(4);
    private static final Duration PAGE_TIMEOUT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> WILDCARDED = List.of("src_addr", "dst_addr", "src_port", "dst_port");
    /**
     * The simulator's two days stay within every provider's free allowance: every spoke would cost
     * $0.00 and comparing cents would prove nothing. Without it, the list prices apply from the first byte.
     */
    private static final String NO_FREE_ALLOWANCE = """
            providers:
              aws: {internet: {standard: {free_per_month: 0}}}
              azure: {internet: {microsoft: {free_per_month: 0}}}
              gcp: {internet: {premium: {free_per_month: 0}}}
              oci: {internet: {standard: {free_per_month: 0}}}
            """;
    /** docs/budgets.md's example for the simulator's estate. */
    private static final String BUDGETS = """
            cost_centers:
              accounting:
                patterns: ["accounting-*"]
              operations:
                gateways: [operations-oci-spoke-shared]
                patterns: ["operations-aws-*", "operations-azure-*"]
            budgets:
              - {scope: cost_center, name: accounting, monthly_usd: 250}
              - {scope: cost_center, name: operations, monthly_usd: 1500}
              - {scope: gateway, name: marketing-azure-spoke-all, monthly_usd: 2000}
            """;

    private PipelineHarness pipeline;
    private StreamsApp streams;
    private FlowCollector collector;
    private ChromeDriver browser;
    private WebDriverWait wait;

    @BeforeAll
    void start() throws Exception {
        assertTrue(CHROMIUM.canExecute() && CHROMEDRIVER.canExecute(),
                "needs Debian's chromium and chromium-driver: apt-get install -y chromium chromium-driver");
        pipeline = new PipelineHarness(CopilotSimulator.start(SimulatorConfig.defaults()));
        // The ingest first: the streams app checks the budgets file against the inventory the ingest writes.
        pipeline.startIngest(pipeline.ingestConfig(PollSettings.BACKFILL.name(), "2d"));
        Path budgets = Files.createTempFile("egressmon-budgets", ".yaml");
        Files.writeString(budgets, BUDGETS);
        Path prices = Files.createTempFile("egressmon-prices", ".yaml");
        Files.writeString(prices, NO_FREE_ALLOWANCE);
        streams = pipeline.startStreams("streams", BudgetSettings.BUDGETS.name(), budgets.toString(),
                CostSettings.PRICES.name(), prices.toString());
        Settings settings = LocalParts.withKafka(Settings.of(Map.of(CollectorSettings.NETFLOW_LISTEN.name(), "127.0.0.1:0",
                CollectorSettings.SFLOW_LISTEN.name(), "none",
                CollectorSettings.EXPORTERS.name(), pipeline.simulator.flowExportersSetting())), pipeline.kafka, pipeline.registry);
        collector = FlowCollector.start(KafkaSettings.from(settings.reader()), CollectorSettings.from(settings.reader()));
        // The page is loaded once the last day is answered completely (no 503 may reach the browser's log).
        PipelineHarness.await(() -> complete("/api/v1/bandwidth?days=1") && complete("/api/v1/top-talkers?days=1"),
                PIPELINE_TIMEOUT, () -> "the last day's answers are not complete yet");

        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=1400,2300");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        // The driver named explicitly: Selenium Manager would try to download one (no internet in CI).
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER)
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        wait = new WebDriverWait(browser, PAGE_TIMEOUT);
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (collector != null) {
            collector.close();
        }
        if (pipeline != null) {
            pipeline.close();
        }
    }

    /** Every test ends with a clean browser log: a failed request or a script error is a SEVERE entry. */
    @AfterEach
    void noConsoleErrors() {
        List<String> severe = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).map(LogEntry::toString).toList();
        assertEquals(List.of(), severe, "the browser's console has errors");
    }

    @Test
    @Order(1)
    @DisplayName("/ serves the page; every panel answers and says its resolution, covered period and completeness")
    void pageLoads() {
        browser.get(streams.url() + "/");
        waitFor("every panel answered", "const s = window.egressmon; return !!(s && s.bandwidth && s.bandwidth.periodStart"
                + " && s.talkers && s.talkers.periodStart && s.cost && s.cost.periodStart && s.budgets && s.budgets.month"
                + " && s.flows && s.flows.to && s.health && s.health.status);");
        for (String id : List.of("bandwidth-covered", "ranking-covered", "talkers-covered")) {
            WebElement covered = browser.findElement(By.id(id));
            assertTrue(covered.getText().contains("resolution PT"), id + ": " + covered.getText());
            assertTrue(covered.getText().contains("covers "), id + ": " + covered.getText());
            assertEquals("true", covered.getDomAttribute("data-complete"), id + ": " + covered.getText());
        }
        String bandwidth = browser.findElement(By.id("bandwidth-covered")).getText();
        assertTrue(bandwidth.contains("· exact ·") || bandwidth.contains("· APPROXIMATE ±"), bandwidth);
        assertTrue(browser.findElement(By.id("flows-covered")).getText().startsWith("window 5m:"));
        assertEquals("UP", state("health").path("status").asText());
        assertTrue(browser.findElement(By.id("health")).getText().contains("processing lag"));
    }

    @Test
    @Order(2)
    @DisplayName("wildcarding the flow table's addresses and ports collapses its rows: fewer rows, the same bytes and packets, as the API collapses them")
    void flowWildcardCollapses() throws IOException {
        // One or two minutes of the spokes' export, then none: the five-minute table holds still meanwhile.
        FlowExporter exporter = pipeline.simulator.startFlowExport(collector.addresses().get(0));
        PipelineHarness.await(() -> !exporter.exportedMinutes().isEmpty(), Duration.ofSeconds(150), () -> "no minute exported");
        pipeline.simulator.stopFlowExport();
        PipelineHarness.await(() -> pipeline.simulator.flowTruth().exporters().stream()
                .mapToLong(e -> collector.stats().exporter(e.source()).datagrams()).sum() >= exporter.datagramsSent(),
                PAGE_TIMEOUT, () -> "the collector has not received every datagram");
        PipelineHarness.awaitStreamsCaughtUp(pipeline.kafka.bootstrapServers(), List.of(Topics.FLOW_RECORDS.name()), PAGE_TIMEOUT);

        WebElement live = browser.findElement(By.id("flows-live"));
        if (live.isSelected()) {
            live.click();
        }
        new Select(browser.findElement(By.id("flows-limit"))).selectByValue("10000");
        JsonNode whole = waitForState("flows", "s.params.limit === '10000' && s.aggregate.length === 0 && s.rows > 0");
        List<Long> before = shownFlows();

        // The simulator's flows each have their own address pair: wildcarding addresses and ports leaves
        // a row per spoke and protocol.
        for (String column : WILDCARDED) {
            browser.findElement(By.id("wild-" + column)).click();
        }
        JsonNode collapsed = waitForState("flows", "s.aggregate.join() === '" + String.join(",", WILDCARDED) + "'");
        List<Long> after = shownFlows();

        assertEquals(whole.path("totalRows").asLong(), before.get(0), "every row of the whole table is shown");
        assertEquals(collapsed.path("totalRows").asLong(), after.get(0), "every collapsed row is shown");
        assertTrue(after.get(0) < before.get(0), "collapsed " + before.get(0) + " rows into " + after.get(0));
        assertEquals(before.get(1), after.get(1), "bytes");
        assertEquals(before.get(2), after.get(2), "packets");
        assertTrue(browser.findElements(By.xpath("//table[@id='flows']/thead//th[text()='src_port']")).isEmpty(),
                "a wildcarded column is not shown");
        JsonNode api = pipeline.get(streams, "/api/v1/flows?window=5m&limit=10000&aggregate=" + String.join(",", WILDCARDED)).body();
        assertEquals(api.path("total_rows").asLong(), after.get(0), "the API collapses the same table into as many rows");
    }

    @Test
    @Order(3)
    @DisplayName("over a custom period, both charts have one series per spoke, with the totals /api/v1/bandwidth answers for it")
    void chartTotalsAreTheApis() {
        Instant to = Instant.now().minus(Duration.ofMinutes(10)).truncatedTo(ChronoUnit.HOURS);
        Instant from = to.minus(Duration.ofDays(1));
        choosePeriod(from, to);
        JsonNode drawn = waitForState("bandwidth", "s.from === '" + from + "' && s.to === '" + to + "' && s.periodStart");
        assertEquals("5m", drawn.path("step").asText());

        JsonNode answer = pipeline.get(streams, "/api/v1/bandwidth?from=" + from + "&to=" + to).body();
        assertTrue(answer.path("complete").asBoolean(), answer.toString());
        Map<String, List<Long>> expected = new TreeMap<>();
        answer.path("gateways").forEach(g -> expected.put(g.path("gateway").asText(), List.of(
                g.path("internal_rx_bytes").asLong() + g.path("internal_tx_bytes").asLong(),
                g.path("egress_rx_bytes").asLong() + g.path("egress_tx_bytes").asLong())));
        Map<String, List<Long>> charted = new TreeMap<>();
        drawn.path("series").forEach(s -> charted.put(s.path("name").asText(),
                List.of(s.path("internal").asLong(), s.path("egress").asLong())));
        assertEquals(14, expected.size(), "the simulator's spokes");
        assertEquals(expected, charted, "per spoke: [internal, egress] bytes");
        for (String chart : List.of("egress", "internal")) {
            List<String> labels = new ArrayList<>();
            drawn.path("charted").path(chart).forEach(l -> labels.add(l.asText()));
            assertEquals(labels.size(), new TreeSet<>(labels).size(), chart + ": one series per spoke");
            assertEquals(expected.keySet(), new TreeSet<>(labels), chart + " chart's series");
        }
        assertEquals(answer.path("period_start").asText(), browser.findElement(By.id("bandwidth-covered")).getDomAttribute("data-period-start"));
        assertEquals(288, drawn.path("points").asInt(), "a day of 5-minute steps");
    }

    @Test
    @Order(4)
    @DisplayName("the top-talkers tables are the API's answer for the same period, rank by rank, to the byte")
    void talkersAreTheApis() {
        JsonNode asked = waitForState("talkers", "s.periodStart").path("params");
        String query = "from=" + asked.path("from").asText() + "&to=" + asked.path("to").asText()
                + "&source=" + asked.path("source").asText() + "&top=" + asked.path("top").asText();
        assertEquals("flowiq", asked.path("source").asText());
        JsonNode answer = pipeline.get(streams, "/api/v1/top-talkers?" + query).body();
        for (String role : List.of("destinations", "sources")) {
            List<String> expected = new ArrayList<>();
            answer.path(role).forEach(t -> expected.add(t.path("rank").asInt() + " " + t.path("ip").asText() + " " + t.path("bytes").asLong()));
            List<String> shown = browser.findElements(By.cssSelector("#talkers-" + role + " tbody tr")).stream()
                    .map(tr -> tr.getDomAttribute("data-rank") + " " + tr.getDomAttribute("data-ip") + " " + tr.getDomAttribute("data-bytes"))
                    .toList();
            assertEquals(10, expected.size(), role);
            assertEquals(expected, shown, role);
        }

        new Select(browser.findElement(By.id("talkers-source"))).selectByValue("netflow");
        waitForState("talkers", "s.params.source === 'netflow' && (s.periodStart || s.error)");
        assertTrue(browser.findElement(By.id("talkers-covered")).getText().contains("source netflow"));
        new Select(browser.findElement(By.id("talkers-source"))).selectByValue("flowiq");
        waitForState("talkers", "s.params.source === 'flowiq' && s.periodStart");
    }

    @Test
    @Order(5)
    @DisplayName("choosing another period asks the API again and the panels show the new covered period")
    void periodChangeRequeries() throws IOException {
        String customStart = browser.findElement(By.id("bandwidth-covered")).getDomAttribute("data-period-start");
        int asked = ((Number) js("return window.egressmon.requests.length;")).intValue();
        new Select(browser.findElement(By.id("period-preset"))).selectByValue("7d");
        JsonNode week = waitForState("bandwidth", "s.step === '1h' && s.periodStart");
        String weekStart = browser.findElement(By.id("bandwidth-covered")).getDomAttribute("data-period-start");
        assertNotEquals(customStart, weekStart);
        assertEquals(week.path("periodStart").asText(), weekStart);
        List<String> requests = requestsSince(asked);
        assertTrue(requests.stream().anyMatch(r -> r.startsWith("/api/v1/bandwidth?from=" + enc(week.path("from").asText()))), requests.toString());
        assertTrue(requests.stream().anyMatch(r -> r.startsWith("/api/v1/bandwidth/series?") && r.contains("step=1h")), requests.toString());
        assertTrue(requests.stream().anyMatch(r -> r.startsWith("/api/v1/top-talkers?")), requests.toString());
        assertEquals(7 * 24, week.path("points").asInt(), "a week of hourly steps");

        // The default view again, for the screenshot (README shows it: docs/dashboard.png).
        new Select(browser.findElement(By.id("period-preset"))).selectByValue("1d");
        waitForState("bandwidth", "s.step === '5m' && s.periodStart");
        waitForState("talkers", "s.params.from === window.egressmon.bandwidth.from && s.periodStart");
        Path shot = Path.of("target", "dashboard-it.png");
        Files.write(shot, browser.getScreenshotAs(OutputType.BYTES));
        assertTrue(Files.size(shot) > 10_000, "screenshot " + shot);
    }

    @Test
    @Order(6)
    @DisplayName("the cost view shows, per spoke, the USD /api/v1/cost answers for the same period (to the cent as shown), its month to date, and this month's budgets from /api/v1/alerts")
    void costViewIsTheApis() throws IOException {
        // A period priced to its end (an hour is priced 6 h after it ends), so the page's answer and the
        // test's are the same whenever each is asked.
        Instant to = Instant.now().minus(Duration.ofHours(8)).truncatedTo(ChronoUnit.HOURS);
        Instant from = to.minus(Duration.ofHours(24));
        String query = "from=" + from + "&to=" + to;
        PipelineHarness.await(() -> complete("/api/v1/cost?" + query), PIPELINE_TIMEOUT,
                () -> "the cost of " + query + " is not priced to its end yet");
        choosePeriod(from, to);
        JsonNode shown = waitForState("cost", "s.from === '" + from + "' && s.to === '" + to + "' && s.periodStart");

        JsonNode answer = pipeline.get(streams, "/api/v1/cost?" + query).body();
        Map<String, String> expected = new TreeMap<>();
        answer.path("gateways").forEach(g -> expected.put(g.path("gateway").asText(), Dollars.cents(g.path("usd").asText())));
        Map<String, String> table = new TreeMap<>();
        for (WebElement tr : browser.findElements(By.cssSelector("#cost-spokes tbody tr"))) {
            table.put(tr.getDomAttribute("data-gateway"), tr.findElement(By.cssSelector("td.usd")).getText());
        }
        assertEquals(13, expected.size(), "the simulator's 14 spokes but the one without metrics: " + answer);
        assertEquals(expected, table, "per spoke: USD as shown");
        assertTrue(expected.values().stream().anyMatch(usd -> !usd.equals("$0.00")), "some egress is priced: " + expected);
        List<String> ranked = new ArrayList<>();
        shown.path("spokes").forEach(sp -> ranked.add(sp.path("usd").asText()));
        for (int i = 1; i < ranked.size(); i++) {
            assertTrue(new BigDecimal(ranked.get(i - 1)).compareTo(new BigDecimal(ranked.get(i))) >= 0,
                    "ranked by USD: " + ranked);
        }
        JsonNode monthToDate = answer.path("month_to_date");
        assertEquals(Dollars.cents(monthToDate.path("usd").asText()) + " (" + monthToDate.path("month").asText() + ")",
                browser.findElement(By.id("cost-month-to-date")).getText(), "month to date");
        assertTrue(browser.findElement(By.id("cost-total")).getText().startsWith(Dollars.cents(answer.path("aggregate").path("usd").asText())));
        assertEquals("true", browser.findElement(By.id("cost-covered")).getDomAttribute("data-complete"));
        String forecast = browser.findElement(By.id("cost-forecast")).getText();
        assertTrue(forecast.startsWith(Dollars.cents(answer.path("forecast").path("month_end_usd").asText())), forecast);

        // Budgets: the scopes the budgets file names, each month to date as the page was answered.
        JsonNode alerts = pipeline.get(streams, "/api/v1/alerts").body();
        List<String> scopes = new ArrayList<>();
        alerts.path("budgets").forEach(b -> scopes.add(b.path("scope_kind").asText() + ":" + b.path("scope_name").asText()));
        List<WebElement> rows = browser.findElements(By.cssSelector("#budgets tbody tr"));
        assertEquals(3, scopes.size(), alerts.toString());
        assertEquals(scopes, rows.stream().map(tr -> tr.getDomAttribute("data-scope")).toList());
        for (WebElement tr : rows) {
            assertEquals(Dollars.cents(tr.getDomAttribute("data-month-to-date")), tr.findElements(By.tagName("td")).get(1).getText());
        }

        js("document.getElementById('cost-panel').scrollIntoView();");
        Path shot = Path.of("target", "dashboard-cost-it.png");
        Files.write(shot, browser.getScreenshotAs(OutputType.BYTES));
        assertTrue(Files.size(shot) > 10_000, "screenshot " + shot);
    }

    private boolean complete(String path) {
        PipelineHarness.Reply reply = pipeline.getOnce(streams, path);
        return reply.status() == 200 && reply.body().path("complete").asBoolean();
    }

    private void choosePeriod(Instant from, Instant to) {
        new Select(browser.findElement(By.id("period-preset"))).selectByValue("custom");
        js("document.getElementById('period-from').value = arguments[0];"
                + "document.getElementById('period-to').value = arguments[1];",
                from.toString().substring(0, 16), to.toString().substring(0, 16));
        browser.findElement(By.id("period-apply")).click();
    }

    /**
     * Rows, bytes and packets of the flow table as drawn: its rows' {@code data-bytes} and {@code
     * data-packets}, summed in the page (exactly, as BigInt) in one WebDriver call — two calls per row
     * took 70 s for the ~4 000 rows of the whole table.
     */
    private List<Long> shownFlows() {
        Object sums = js("let rows = 0, bytes = 0n, packets = 0n;"
                + " for (const r of document.querySelectorAll('#flows tbody tr')) {"
                + "   rows++; bytes += BigInt(r.getAttribute('data-bytes')); packets += BigInt(r.getAttribute('data-packets'));"
                + " }"
                + " return [String(rows), String(bytes), String(packets)];");
        return ((List<?>) sums).stream().map(n -> Long.parseLong((String) n)).toList();
    }

    private List<String> requestsSince(int index) {
        Object all = js("return window.egressmon.requests.slice(arguments[0]);", index);
        return ((List<?>) all).stream().map(String::valueOf).collect(Collectors.toList());
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private Object js(String script, Object... args) {
        return ((JavascriptExecutor) browser).executeScript(script, args);
    }

    private void waitFor(String what, String script) {
        wait.withMessage(what).until(d -> Boolean.TRUE.equals(js(script)));
    }

    /** {@code window.egressmon[part]} once {@code condition} (over {@code s}, that part) holds, as JSON. */
    private JsonNode waitForState(String part, String condition) {
        waitFor(part + ": " + condition, "const s = window.egressmon." + part + "; return !!(s && (" + condition + "));");
        return state(part);
    }

    private JsonNode state(String part) {
        try {
            return JSON.readTree((String) js("return JSON.stringify(window.egressmon." + part + ");"));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
