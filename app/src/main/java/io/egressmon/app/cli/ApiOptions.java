package io.egressmon.app.cli;

import static io.egressmon.app.cli.ReportCommand.EXIT_BAD_RESPONSE;
import static io.egressmon.app.cli.ReportCommand.EXIT_OK;
import static io.egressmon.app.cli.ReportCommand.EXIT_UNAVAILABLE;
import static io.egressmon.app.cli.ReportCommand.EXIT_USAGE;

import io.egressmon.api.ApiJson;
import io.egressmon.api.ErrorAnswer;
import io.egressmon.api.QueryString;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Function;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * Where the REST API is ({@code --url}, {@code --timeout}; a picocli mixin) and the one GET every report
 * makes, with the exit codes of {@link ReportCommand}: the server's error answers go to stderr with its
 * message, a 200 body goes through the command's renderer to stdout. Public for the commands outside
 * this package ({@code egressmon flows}), which take the same flags.
 */
public final class ApiOptions {
    static final String DEFAULT_URL = "http://127.0.0.1:8080";

    @Option(names = "--url", paramLabel = "URL", defaultValue = DEFAULT_URL,
            description = {"Base URL of the REST API,", "default ${DEFAULT-VALUE}."})
    String url;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "30",
            description = "Give up on the server after this many seconds (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    /**
     * GETs {@code path?query}, reads a 200 answer as an {@code answer} and prints {@code render(answer)}.
     *
     * @param render the report of the answer; throws {@link IllegalArgumentException} when the answer
     *               is not the one asked for (exit {@link ReportCommand#EXIT_BAD_RESPONSE})
     * @return the exit code
     */
    public <A> int getAndPrint(CommandSpec spec, String path, QueryString query, Class<A> answer, Function<A, String> render) {
        if (timeoutSeconds < 1) {
            throw Usage.error(spec, "--timeout must be at least 1 second");
        }
        URI endpoint = endpoint(spec, path, query);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();

        Reply response;
        try {
            response = fetch(endpoint);
        } catch (SocketTimeoutException e) {
            return fail(err, "no answer from " + endpoint + " within " + timeoutSeconds + " s", EXIT_UNAVAILABLE);
        } catch (IOException e) {
            return fail(err, "cannot reach egressmon at " + baseUrl() + " (" + describe(e) + ")", EXIT_UNAVAILABLE);
        }

        int status = response.status();
        if (status != 200) {
            ErrorAnswer error = ErrorAnswer.fromResponse(status, response.body());
            return fail(err, error.describe(), status >= 400 && status < 500 ? EXIT_USAGE : EXIT_UNAVAILABLE);
        }

        String report;
        try {
            report = render.apply(ApiJson.read(response.body(), answer));
        } catch (IllegalArgumentException e) {
            return fail(err, "unexpected answer from " + endpoint + ": " + e.getMessage(), EXIT_BAD_RESPONSE);
        }
        out.print(report);
        out.flush();
        return EXIT_OK;
    }

    private static int fail(PrintWriter err, String message, int exitCode) {
        err.println("error: " + message);
        err.flush();
        return exitCode;
    }

    /** {@code --timeout} as a duration, or a usage error of {@code spec}'s command when below a second. */
    public Duration timeout(CommandSpec spec) {
        if (timeoutSeconds < 1) {
            throw Usage.error(spec, "--timeout must be at least 1 second");
        }
        return Duration.ofSeconds(timeoutSeconds);
    }

    /** {@code --url} + {@code path?query}, or a usage error of {@code spec}'s command for a URL that is not http(s). */
    public URI endpoint(CommandSpec spec, String path, QueryString query) {
        try {
            URI uri = new URI(baseUrl() + path + "?" + query);
            boolean http = "http".equals(uri.getScheme()) || "https".equals(uri.getScheme());
            if (!http || uri.getHost() == null) {
                throw Usage.error(spec, "--url must be an http(s) URL such as " + DEFAULT_URL + ", got '" + url + "'");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw Usage.error(spec, "--url is not a valid URL: " + e.getMessage());
        }
    }

    /** {@code --url} without trailing slashes. */
    public String baseUrl() {
        String base = url.strip();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return base;
    }

    /**
     * One GET over {@link HttpURLConnection}, not {@code java.net.http.HttpClient}: the latter builds the
     * JVM's default TLS context (the CA store read and parsed) and its selector thread even for a plain
     * {@code http://} URL, a quarter of a report's time before (docs/benchmarks.md, "Report CLI start").
     * This one loads TLS only for {@code https://}. {@code --timeout} bounds the connect and each wait
     * for the answer's bytes (HttpClient's bounded the whole exchange; the answers are small).
     */
    private Reply fetch(URI endpoint) throws IOException {
        int millis = (int) Math.min(Integer.MAX_VALUE, timeoutSeconds * 1000L);
        // As HttpClient did: no proxy from system properties, no redirects followed (a 3xx is an error).
        HttpURLConnection connection = (HttpURLConnection) endpoint.toURL().openConnection(Proxy.NO_PROXY);
        try {
            connection.setInstanceFollowRedirects(false);
            connection.setConnectTimeout(millis);
            connection.setReadTimeout(millis);
            connection.setUseCaches(false);
            connection.setRequestProperty("Accept", "application/json");
            int status = connection.getResponseCode();
            InputStream body = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
            if (body == null) {
                return new Reply(status, "");
            }
            try (body) {
                return new Reply(status, new String(body.readAllBytes(), StandardCharsets.UTF_8));
            }
        } finally {
            connection.disconnect();
        }
    }

    /** A status and its body, read whole. */
    private record Reply(int status, String body) {
    }

    /** The JDK's connect failures often carry no message; say what happened in words. */
    public static String describe(IOException e) {
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
}
