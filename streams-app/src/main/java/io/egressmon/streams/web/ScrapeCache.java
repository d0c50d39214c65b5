package io.egressmon.streams.web;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The answer of {@code GET /metrics}, rendered in the background so a scrape does not wait for it:
 * rendering the Prometheus text of a busy instance costs about 5 ms of CPU, and on a machine whose
 * cores a backfill keeps busy its wall time stretched a scrape's tail to 70 ms (docs/metrics.md).
 *
 * <p>The first scrape renders on this class's thread and waits for it; from then on the thread
 * renders again every {@link #PERIOD} while scrapes keep coming, and a scrape answers the latest
 * rendering at once, so an answer is at most a period plus one render old. When no scrape came for
 * {@link #IDLE}, rendering stops (no CPU for nobody) and the stale text is dropped: the next scrape
 * renders afresh. A failed render is logged and counted ({@value #FAILURES}) and leaves no text: the
 * scrapes waiting for it, and the next one, which renders again, fail with {@link RenderFailed}.
 *
 * <p>Used by both ports that serve {@code /metrics}: the streams app's REST API ({@link RouteMetrics})
 * and the ingest's health port.
 */
public final class ScrapeCache implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ScrapeCache.class);
    /** Prometheus' text format 0.0.4. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    /** How often the text is rendered while scrapes come. */
    static final Duration PERIOD = Duration.ofSeconds(1);
    /** How long without a scrape before rendering stops. */
    static final Duration IDLE = Duration.ofMinutes(5);
    static final String FAILURES = "egressmon.metrics.render.failures";

    /** Writes the text format. */
    @FunctionalInterface
    interface Renderer {
        void writeTo(OutputStream out) throws IOException;
    }

    /** Where renders run: a thread of their own; the tests' runs them when told. */
    interface Worker {
        void execute(Runnable task);

        void schedule(Runnable task, long delayNanos);

        void close();

        /**
         * One daemon thread, started by the first render and ended 10 s after the last, so a cache
         * nobody scrapes (or closes) holds no thread.
         */
        static Worker thread() {
            ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, r -> {
                Thread t = new Thread(r, "egressmon-metrics-render");
                t.setDaemon(true);
                return t;
            });
            executor.setKeepAliveTime(10, TimeUnit.SECONDS);
            executor.allowCoreThreadTimeOut(true);
            return new Worker() {
                @Override
                public void execute(Runnable task) {
                    executor.execute(task);
                }

                @Override
                public void schedule(Runnable task, long delayNanos) {
                    executor.schedule(task, delayNanos, TimeUnit.NANOSECONDS);
                }

                @Override
                public void close() {
                    executor.shutdownNow();
                }
            };
        }
    }

    /**
     * One rendering of the text format.
     *
     * @param text       the answer's body (shared by every scrape that gets it: not to be written to)
     * @param gzipped    {@code text} gzip-compressed, or null: compressed only once a scrape asked for it
     *                   (Prometheus does, {@code Accept-Encoding: gzip}), by the render that follows
     * @param startNanos when its render began, on the cache's clock: the values are from then
     */
    public record Rendering(byte[] text, byte[] gzipped, long startNanos) {
        /** The body for a scraper that does or does not accept gzip: compressed when both can be. */
        public byte[] body(boolean acceptsGzip) {
            return acceptsGzip && gzipped != null ? gzipped : text;
        }

        /** Whether {@link #body} is compressed for such a scraper ({@code Content-Encoding: gzip}). */
        public boolean gzip(boolean acceptsGzip) {
            return acceptsGzip && gzipped != null;
        }
    }

    /**
     * Whether an {@code Accept-Encoding} header accepts gzip: {@code gzip} or {@code *} listed
     * without {@code q=0}.
     */
    public static boolean acceptsGzip(String acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        for (String coding : acceptEncoding.split(",")) {
            String[] parts = coding.split(";");
            String name = parts[0].trim();
            if (!name.equalsIgnoreCase("gzip") && !name.equals("*")) {
                continue;
            }
            boolean refused = false;
            for (int i = 1; i < parts.length; i++) {
                String param = parts[i].trim();
                if (param.startsWith("q=") || param.startsWith("Q=")) {
                    try {
                        refused = Double.parseDouble(param.substring(2).trim()) <= 0;
                    } catch (NumberFormatException e) {
                        refused = true; // a weight that cannot be read accepts nothing for sure
                    }
                }
            }
            if (!refused) {
                return true;
            }
        }
        return false;
    }

    /** No text to answer with; the message says so for the scraper, the log has the cause. */
    public static final class RenderFailed extends RuntimeException {
        RenderFailed(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final Renderer renderer;
    private final LongSupplier nanoTime;
    private final Worker worker;
    private final Counter failures;
    private final long period;
    private final long idle;

    // Guarded by this. While latest is not null a render is scheduled; while waiting is not null the
    // first render (after a start, an idle stop or a failure) is on its way.
    private Rendering latest;
    private CompletableFuture<Rendering> waiting;
    private long lastScrape;
    private boolean closed;
    /** The last text's size: the next one's buffer starts there. Only the worker touches it. */
    private int lastSize = 64 * 1024;
    /** Set by the first scrape that accepts gzip: from then on every render compresses too. */
    private volatile boolean compress;

    /** Renders {@code registry}'s text, and counts its failures there. */
    public ScrapeCache(PrometheusMeterRegistry registry) {
        this(out -> registry.scrape(out, CONTENT_TYPE), registry, System::nanoTime, Worker.thread());
    }

    ScrapeCache(Renderer renderer, MeterRegistry meters, LongSupplier nanoTime, Worker worker) {
        this.renderer = renderer;
        this.nanoTime = nanoTime;
        this.worker = worker;
        this.period = PERIOD.toNanos();
        this.idle = IDLE.toNanos();
        this.failures = Counter.builder(FAILURES)
                .description("Renders of /metrics that failed (logged; a scrape with no text to answer gets a 500)")
                .register(meters);
    }

    /**
     * The latest rendering, at once while the background renders run; else a render on the cache's
     * thread (never the caller's) that the answer waits for. Fails with {@link RenderFailed}.
     */
    public CompletableFuture<Rendering> scrape() {
        return scrape(false);
    }

    /**
     * {@link #scrape()} for a scraper that accepts gzip or not; the first that does makes the renders
     * that follow compress as well (once per render, not per scrape), and until then it gets the text.
     */
    public CompletableFuture<Rendering> scrape(boolean acceptsGzip) {
        if (acceptsGzip && !compress) {
            compress = true;
        }
        synchronized (this) {
            if (closed) {
                return CompletableFuture.failedFuture(new RenderFailed("the metrics are closed: this role is stopping", null));
            }
            lastScrape = nanoTime.getAsLong();
            if (latest != null) {
                return CompletableFuture.completedFuture(latest);
            }
            if (waiting == null) {
                waiting = new CompletableFuture<>();
                worker.execute(this::render);
            }
            return waiting;
        }
    }

    private void render() {
        long start = nanoTime.getAsLong();
        synchronized (this) {
            if (closed) {
                return;
            }
            if (waiting == null && start - lastScrape >= idle) {
                latest = null; // stale by now: the next scrape renders afresh
                return;
            }
        }
        Rendering rendering = null;
        Throwable failure = null;
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream(lastSize + lastSize / 8);
            renderer.writeTo(out);
            lastSize = out.size();
            byte[] text = out.toByteArray();
            rendering = new Rendering(text, compress ? gzip(text) : null, start);
        } catch (Throwable e) {
            // An Error too: thrown on, it would vanish in the executor and leave the waiting scrapes hanging.
            failure = e;
        }
        CompletableFuture<Rendering> answered;
        synchronized (this) {
            if (closed) {
                return;
            }
            latest = rendering; // null after a failure: no older text is served in its place
            answered = waiting;
            waiting = null;
            if (rendering != null) {
                worker.schedule(this::render, Math.max(0, period - (nanoTime.getAsLong() - start)));
            }
        }
        if (failure != null) {
            failures.increment();
            LOG.error("rendering /metrics failed (counted in egressmon_metrics_render_failures_total); the next scrape renders again",
                    failure);
        }
        if (answered != null) {
            if (rendering != null) {
                answered.complete(rendering);
            } else {
                answered.completeExceptionally(new RenderFailed("the metrics could not be rendered ("
                        + failure.getClass().getSimpleName() + "); the server log has the details", failure));
            }
        }
    }

    /** Fastest compression: the text's repeated names and labels shrink it ten times over all the same. */
    private static byte[] gzip(byte[] text) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length / 8 + 64);
        try (GZIPOutputStream zip = new GZIPOutputStream(out, 64 * 1024) {
            {
                def.setLevel(Deflater.BEST_SPEED);
            }
        }) {
            zip.write(text);
        }
        return out.toByteArray();
    }

    @Override
    public void close() {
        CompletableFuture<Rendering> answered;
        synchronized (this) {
            closed = true;
            latest = null;
            answered = waiting;
            waiting = null;
        }
        worker.close();
        if (answered != null) {
            answered.completeExceptionally(new RenderFailed("the metrics are closed: this role is stopping", null));
        }
    }
}
