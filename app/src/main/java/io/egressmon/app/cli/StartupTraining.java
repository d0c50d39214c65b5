package io.egressmon.app.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.egressmon.api.Endpoints;
import io.egressmon.app.Main;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The training run of the report CLI's class-data-sharing archive. {@code ./mvnw package} starts it once,
 * right after the jar is built, in a JVM with {@code -XX:ArchiveClassesAtExit=app/target/egressmon.jsa}
 * (app/pom.xml); {@code bin/egressmon} maps that archive when it starts a report, so the classes a report
 * loads (the commands, the API's records, Jackson, the formats; not picocli's own, which are Java 5 class
 * files that JDK 17 does not archive) come parsed and verified from the archive instead of from the jar.
 * The JVM maps the archive only with the jar it was made from (same path, size and modification time)
 * and the same JDK, and ignores it otherwise: it is never stale.
 *
 * <p>It runs the real reports, through {@link Main}, in every output format, against a stub of the REST
 * API on a loopback port that answers with the recorded answers of the CLI tests
 * ({@code app/src/test/resources/cli}, kept to the API by {@code ReportCommandTest}): a report that
 * fails here fails the build, as an archive trained on an error path would leave the answer's
 * classes out.
 */
public final class StartupTraining {
    /** The reports trained on: every format and the grouped forms, which load classes of their own. */
    private static final List<List<String>> REPORTS = List.of(
            List.of("report", "bandwidth", "--days", "7"),
            List.of("report", "bandwidth", "--days", "7", "-o", "csv"),
            List.of("report", "bandwidth", "--days", "7", "-o", "json"),
            List.of("report", "bandwidth", "--days", "7", "--group-by", "cloud"),
            List.of("report", "top-talkers", "--days", "7"),
            List.of("report", "top-talkers", "--days", "7", "-o", "csv"),
            List.of("report", "top-talkers", "--days", "7", "-o", "json"),
            List.of("report", "top-talkers", "--days", "7", "--top", "3", "--group-by", "cloud"),
            List.of("report", "cost", "--days", "7"),
            List.of("report", "cost", "--days", "7", "-o", "csv"),
            List.of("report", "cost", "--days", "7", "-o", "json"),
            List.of("report", "cost", "--days", "7", "--group-by", "cost_center"));

    private static final String BANDWIDTH = "api_bandwidth_7d.json";
    private static final String BANDWIDTH_GROUPED = "api_bandwidth_7d_by_cloud.json";
    private static final String TOP_TALKERS = "api_top_talkers_7d.json";
    private static final String TOP_TALKERS_GROUPED = "api_top_talkers_7d_per_spoke_by_cloud.json";
    private static final String COST = "api_cost_7d.json";
    private static final String COST_GROUPED = "api_cost_7d_by_cost_center.json";

    private StartupTraining() {
    }

    /** @param args the directory of the recorded answers ({@code api_bandwidth_7d.json} …) */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: StartupTraining ANSWERS_DIRECTORY");
            System.exit(2);
        }
        Path answers = Path.of(args[0]);
        for (String name : List.of(BANDWIDTH, BANDWIDTH_GROUPED, TOP_TALKERS, TOP_TALKERS_GROUPED, COST, COST_GROUPED)) {
            if (!Files.isRegularFile(answers.resolve(name))) {
                System.err.println("no recorded answer " + answers.resolve(name));
                System.exit(2);
            }
        }
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext(Endpoints.BANDWIDTH,
                exchange -> answer(exchange, answers.resolve(grouped(exchange) ? BANDWIDTH_GROUPED : BANDWIDTH)));
        server.createContext(Endpoints.TOP_TALKERS,
                exchange -> answer(exchange, answers.resolve(grouped(exchange) ? TOP_TALKERS_GROUPED : TOP_TALKERS)));
        server.createContext(Endpoints.COST,
                exchange -> answer(exchange, answers.resolve(grouped(exchange) ? COST_GROUPED : COST)));
        server.start();
        List<String> failures = new ArrayList<>();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort();
            for (List<String> report : REPORTS) {
                List<String> command = new ArrayList<>(report);
                command.addAll(List.of("--url", url));
                StringWriter err = new StringWriter();
                int exit = Main.execute(command.toArray(String[]::new), new PrintWriter(Writer.nullWriter()),
                        new PrintWriter(err, true));
                if (exit != ReportCommand.EXIT_OK) {
                    failures.add(String.join(" ", report) + " exited " + exit + ": " + err.toString().strip());
                }
            }
        } finally {
            server.stop(0);
        }
        if (!failures.isEmpty()) {
            System.err.println("the report CLI's start-up archive was trained on failing reports:");
            failures.forEach(failure -> System.err.println("  " + failure));
            System.exit(1);
        }
    }

    private static boolean grouped(HttpExchange exchange) {
        String query = exchange.getRequestURI().getRawQuery();
        return query != null && query.contains("group_by=");
    }

    private static void answer(HttpExchange exchange, Path answer) throws IOException {
        byte[] body = Files.readAllBytes(answer);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
