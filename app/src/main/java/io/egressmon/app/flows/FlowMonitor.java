package io.egressmon.app.flows;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.graphics.TextGraphics;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.screen.Screen;
import com.googlecode.lanterna.screen.TerminalScreen;
import com.googlecode.lanterna.terminal.DefaultTerminalFactory;
import com.googlecode.lanterna.terminal.ansi.UnixLikeTerminal;
import io.egressmon.api.ApiJson;
import io.egressmon.api.IngestHealthAnswer;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The full-screen monitor: one loop reads keys, starts a refresh when one is due (every second, at once
 * after a key changed the request) and draws. Refreshes run in the background, so keys answer while the
 * server is slow or away; an answer to a request that a key has since changed is not shown.
 *
 * <p>The terminal is restored however the monitor ends: {@code q} and Ctrl-C (trapped as a key) end
 * the loop, exceptions pass through {@code finally}, and a signal that stops the JVM runs the shutdown hook.
 */
final class FlowMonitor {
    private static final Duration REFRESH = Duration.ofSeconds(1);
    private static final Duration OVS_REFRESH = Duration.ofSeconds(5);
    private static final long POLL_MILLIS = 40;

    private final FlowsClient client;
    private final String url;
    private final URI healthUrl;
    private final OvsPanel ovs;
    private MonitorState state;
    private FlowsClient.Fetched last;
    private String health;
    private String ovsState;

    /**
     * @param healthUrl the ingest's {@code /health}, or null
     * @param ovs       the Open vSwitch exporter the {@code e} key starts and stops, or null
     */
    FlowMonitor(FlowsClient client, String url, URI healthUrl, OvsPanel ovs, MonitorState initial) {
        this.client = client;
        this.url = url;
        this.healthUrl = healthUrl;
        this.ovs = ovs;
        this.state = initial;
    }

    /** Runs until {@code q} or Ctrl-C; the terminal is back as it was when this returns or throws. */
    void run(PrintStream terminalOut) throws IOException, InterruptedException {
        DefaultTerminalFactory factory = new DefaultTerminalFactory(terminalOut, System.in, StandardCharsets.UTF_8)
                .setForceTextTerminal(true)
                .setUnixTerminalCtrlCBehaviour(UnixLikeTerminal.CtrlCBehaviour.TRAP);
        TerminalScreen screen = factory.createScreen();
        Thread restore = new Thread(() -> stop(screen), "egressmon-flows-restore-terminal");
        Runtime.getRuntime().addShutdownHook(restore);
        screen.startScreen();
        try {
            screen.setCursorPosition(null);
            loop(screen);
        } finally {
            stop(screen);
            removeHook(restore);
        }
    }

    private void loop(Screen screen) throws IOException, InterruptedException {
        CompletableFuture<FlowsClient.Fetched> flows = null;
        CompletableFuture<String> ingest = null;
        CompletableFuture<String> exporter = null;
        Instant due = Instant.EPOCH;
        Instant ovsDue = Instant.EPOCH;
        while (!state.quit()) {
            for (KeyStroke key = screen.pollInput(); key != null && !state.quit(); key = screen.pollInput()) {
                MonitorKey typed = MonitorKey.of(key);
                if (ovs != null && state.prompt() == null && typed.kind() == MonitorKey.Kind.CHARACTER
                        && typed.character() == 'e') {
                    if (exporter == null) {
                        exporter = ovs.toggle();
                        ovsState = ovsState == null ? "OvS: …" : ovsState.replaceAll(" \\[e: [a-z]+\\]$", "") + " …";
                    }
                    continue;
                }
                MonitorState before = state;
                state = state.apply(typed);
                if (!state.request().equals(before.request()) || (before.paused() && !state.paused())) {
                    due = Instant.EPOCH;
                }
            }
            if (flows != null && flows.isDone()) {
                FlowsClient.Fetched fetched = flows.join();
                flows = null;
                if (fetched.request().equals(state.request())) {
                    last = fetched.answer() != null ? fetched : new FlowsClient.Fetched(fetched.request(),
                            last != null && last.request().equals(state.request()) ? last.answer() : null, fetched.error());
                    if (fetched.answer() != null) {
                        state = state.seen(fetched.answer());
                    }
                } else {
                    due = Instant.EPOCH; // answered what was asked before a key changed it: ask again now
                }
            }
            if (ingest != null && ingest.isDone()) {
                health = ingest.join();
                ingest = null;
            }
            if (exporter != null && exporter.isDone()) {
                ovsState = exporter.join();
                exporter = null;
            }
            Instant now = Instant.now();
            if (ovs != null && exporter == null && !now.isBefore(ovsDue)) {
                exporter = ovs.status();
                ovsDue = now.plus(OVS_REFRESH);
            }
            if (!state.paused() && flows == null && !now.isBefore(due)) {
                flows = client.fetch(state.request());
                if (healthUrl != null && ingest == null) {
                    ingest = client.get(healthUrl).handle(this::health);
                }
                due = now.plus(REFRESH);
            }
            draw(screen, now);
            Thread.sleep(POLL_MILLIS);
        }
    }

    /** The ingest's health for the status line, or what went wrong asking for it. */
    private String health(HttpResponse<String> response, Throwable failure) {
        if (failure != null) {
            return "ingest health: " + client.describe(failure);
        }
        if (response.statusCode() != 200) {
            return "ingest health: " + healthUrl + " answered " + response.statusCode();
        }
        try {
            return MonitorView.health(ApiJson.read(response.body(), IngestHealthAnswer.class));
        } catch (IllegalArgumentException e) {
            return "ingest health: unexpected answer from " + healthUrl + ": " + e.getMessage();
        }
    }

    private void draw(Screen screen, Instant now) throws IOException {
        TerminalSize resized = screen.doResizeIfNecessary();
        TerminalSize size = resized != null ? resized : screen.getTerminalSize();
        boolean current = last != null && last.request().equals(state.request());
        MonitorView view = new MonitorView(state, current ? last.answer() : null, current ? last.error() : null, health,
                ovsState, now, ZoneId.systemDefault());
        List<String> lines = view.lines(url, size.getColumns(), size.getRows());
        TextGraphics g = screen.newTextGraphics();
        for (int row = 0; row < lines.size(); row++) {
            String line = lines.get(row);
            g.putString(0, row, line + " ".repeat(Math.max(0, size.getColumns() - line.length())));
        }
        screen.refresh(resized != null ? Screen.RefreshType.COMPLETE : Screen.RefreshType.DELTA);
    }

    /** Leaves the private screen and gives the terminal its settings back; twice is harmless. */
    private static void stop(TerminalScreen screen) {
        try {
            screen.stopScreen();
        } catch (IOException e) {
            System.err.println("egressmon flows: could not restore the terminal (" + e.getMessage() + "); try 'reset'");
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The JVM is already exiting and runs the hook itself; the screen is stopped either way.
            System.err.println("egressmon flows: exiting");
        }
    }
}
