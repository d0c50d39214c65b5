package io.egressmon.streams.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("ScrapeCache: /metrics answered from a rendering made in the background")
class ScrapeCacheTest {
    private static final Duration RENDER_TIME = Duration.ofMillis(30);

    /** The cache's clock and thread: time moves and tasks run only when the test says. */
    private static final class ManualWorker implements ScrapeCache.Worker {
        private record Task(long dueNanos, Runnable run) {
        }

        long now = Duration.ofHours(1).toNanos();
        final List<Task> tasks = new ArrayList<>();
        boolean closed;

        @Override
        public void execute(Runnable task) {
            tasks.add(new Task(now, task));
        }

        @Override
        public void schedule(Runnable task, long delayNanos) {
            tasks.add(new Task(now + delayNanos, task));
        }

        @Override
        public void close() {
            closed = true;
            tasks.clear();
        }

        /** Runs what is due now, earliest first, as the cache's one thread would. */
        void runDue() {
            while (true) {
                Task next = tasks.stream().filter(t -> t.dueNanos() <= now).min(Comparator.comparingLong(Task::dueNanos))
                        .orElse(null);
                if (next == null) {
                    return;
                }
                tasks.remove(next);
                next.run().run();
            }
        }

        /** Moves the clock forward in steps of {@code step}, running what falls due on the way. */
        void advance(Duration by, Duration step) {
            for (long left = by.toNanos(); left > 0; left -= step.toNanos()) {
                now += Math.min(step.toNanos(), left);
                runDue();
            }
        }
    }

    /** Renders "render N" and takes {@link #RENDER_TIME} of the manual clock to do it, or throws when told. */
    private static final class CountingRenderer implements ScrapeCache.Renderer {
        private final ManualWorker clock;
        int renders;
        RuntimeException failure;

        CountingRenderer(ManualWorker clock) {
            this.clock = clock;
        }

        @Override
        public void writeTo(OutputStream out) throws IOException {
            renders++;
            clock.now += RENDER_TIME.toNanos();
            if (failure != null) {
                throw failure;
            }
            out.write(("render " + renders).getBytes(StandardCharsets.UTF_8));
        }
    }

    private final ManualWorker worker = new ManualWorker();
    private final CountingRenderer renderer = new CountingRenderer(worker);
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final ScrapeCache cache = new ScrapeCache(renderer, meters, () -> worker.now, worker);

    private static String text(CompletableFuture<ScrapeCache.Rendering> answer) {
        assertTrue(answer.isDone(), "answered");
        return new String(answer.join().text(), StandardCharsets.UTF_8);
    }

    private double failures() {
        return meters.get(ScrapeCache.FAILURES).counter().count();
    }

    @Test
    @DisplayName("the first scrape waits for a render on the cache's thread; the next ones get that rendering without one")
    void firstScrapeRendersThenLaterOnesAnswerAtOnce() {
        CompletableFuture<ScrapeCache.Rendering> first = cache.scrape();
        CompletableFuture<ScrapeCache.Rendering> alongside = cache.scrape();
        assertFalse(first.isDone(), "nothing rendered on the caller's thread");
        assertEquals(0, renderer.renders);

        worker.runDue();
        assertEquals("render 1", text(first));
        assertEquals("render 1", text(alongside), "a scrape during the first render waits for the same one");
        assertEquals("render 1", text(cache.scrape()));
        assertEquals(1, renderer.renders);
    }

    @Test
    @DisplayName("while scrapes come every 100 ms, the text is rendered about once a second and an answer is never older than a second plus a render")
    void freshWhileScraped() {
        cache.scrape();
        worker.runDue();
        long oldest = 0;
        for (int i = 0; i < 100; i++) { // 10 s
            worker.advance(Duration.ofMillis(100), Duration.ofMillis(10));
            CompletableFuture<ScrapeCache.Rendering> answer = cache.scrape();
            assertTrue(answer.isDone(), "answered at once");
            oldest = Math.max(oldest, worker.now - answer.join().startNanos());
        }
        assertTrue(oldest <= ScrapeCache.PERIOD.plus(RENDER_TIME).toNanos(), "oldest answer " + oldest / 1e6 + " ms");
        assertTrue(oldest >= ScrapeCache.PERIOD.toNanos() / 2, "answers came from the background, not from each scrape: "
                + oldest / 1e6 + " ms");
        assertTrue(renderer.renders >= 10 && renderer.renders <= 11, renderer.renders + " renders in 10 s");
    }

    @Test
    @DisplayName("after five minutes without a scrape rendering stops; the next scrape renders afresh and the background resumes")
    void stopsWhenNobodyScrapes() {
        cache.scrape();
        worker.runDue();
        worker.advance(ScrapeCache.IDLE.plusSeconds(5), Duration.ofMillis(100));
        int renders = renderer.renders;
        assertTrue(renders >= 290 && renders <= 301, renders + " renders during the idle period");
        assertTrue(worker.tasks.isEmpty(), "nothing scheduled any more");
        worker.advance(Duration.ofMinutes(10), Duration.ofSeconds(1));
        assertEquals(renders, renderer.renders, "no render for nobody");

        CompletableFuture<ScrapeCache.Rendering> back = cache.scrape();
        assertFalse(back.isDone(), "the stale text is not answered");
        worker.runDue();
        assertEquals("render " + (renders + 1), text(back));
        worker.advance(Duration.ofSeconds(3), Duration.ofMillis(100));
        assertNotEquals("render " + (renders + 1), text(cache.scrape()), "rendered again in the background");
    }

    @Test
    @DisplayName("a failed render is counted and fails the waiting scrape with a message; the next scrape renders again")
    void failureWithNoTextFailsTheScrape() {
        renderer.failure = new IllegalStateException("sensor gone");
        CompletableFuture<ScrapeCache.Rendering> answer = cache.scrape();
        worker.runDue();
        CompletionException e = assertThrows(CompletionException.class, answer::join);
        ScrapeCache.RenderFailed failed = assertInstanceOf(ScrapeCache.RenderFailed.class, e.getCause());
        assertTrue(failed.getMessage().contains("could not be rendered (IllegalStateException)"), failed.getMessage());
        assertSame(renderer.failure, failed.getCause());
        assertEquals(1.0, failures());
        assertTrue(worker.tasks.isEmpty(), "no background render after a failure");

        renderer.failure = null;
        CompletableFuture<ScrapeCache.Rendering> retry = cache.scrape();
        worker.runDue();
        assertEquals("render 2", text(retry));
        assertEquals(1.0, failures());
    }

    @Test
    @DisplayName("a failed background render is counted, and its older text is not answered in its place")
    void backgroundFailureDropsTheOlderText() {
        cache.scrape();
        worker.runDue();
        renderer.failure = new IllegalStateException("sensor gone");
        worker.advance(ScrapeCache.PERIOD, Duration.ofMillis(100));
        assertEquals(2, renderer.renders);
        assertEquals(1.0, failures());

        CompletableFuture<ScrapeCache.Rendering> answer = cache.scrape();
        assertFalse(answer.isDone(), "\"render 1\" is not answered: it is older than the failed render");
        renderer.failure = null;
        worker.runDue();
        assertEquals("render 3", text(answer));
    }

    @Test
    @DisplayName("closing fails a waiting scrape and every later one, and stops the thread")
    void closeFailsScrapes() {
        CompletableFuture<ScrapeCache.Rendering> waiting = cache.scrape();
        cache.close();
        assertTrue(worker.closed);
        assertInstanceOf(ScrapeCache.RenderFailed.class, assertThrows(CompletionException.class, waiting::join).getCause());
        assertInstanceOf(ScrapeCache.RenderFailed.class,
                assertThrows(CompletionException.class, () -> cache.scrape().join()).getCause());
        assertEquals(0, renderer.renders);
    }

    @Test
    @DisplayName("once a scrape accepts gzip, every render compresses its text once; until then the text goes as it is")
    void gzipOnceAScraperAsks() throws IOException {
        cache.scrape();
        worker.runDue();
        ScrapeCache.Rendering plain = cache.scrape(true).join();
        assertNull(plain.gzipped(), "rendered before anyone asked");
        assertFalse(plain.gzip(true));
        assertSame(plain.text(), plain.body(true), "the text, uncompressed, until the next render");

        worker.advance(ScrapeCache.PERIOD, Duration.ofMillis(100));
        ScrapeCache.Rendering next = cache.scrape().join();
        assertTrue(next.gzip(true), "compressed by the render after the asking scrape");
        assertFalse(next.gzip(false), "a scraper that does not accept gzip gets the text");
        assertSame(next.text(), next.body(false));
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(next.body(true)))) {
            assertEquals(new String(next.text(), StandardCharsets.UTF_8), new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    @DisplayName("Accept-Encoding: gzip or * accept gzip unless their weight is 0; identity, absent or unreadable weights do not")
    void acceptEncoding() {
        assertTrue(ScrapeCache.acceptsGzip("gzip"), "Prometheus' own header");
        assertTrue(ScrapeCache.acceptsGzip("deflate, GZIP;q=0.5"));
        assertTrue(ScrapeCache.acceptsGzip("*"));
        assertFalse(ScrapeCache.acceptsGzip(null));
        assertFalse(ScrapeCache.acceptsGzip("identity"));
        assertFalse(ScrapeCache.acceptsGzip("gzip;q=0"));
        assertFalse(ScrapeCache.acceptsGzip("gzip; q=0.0, br"));
        assertFalse(ScrapeCache.acceptsGzip("gzip;q=half"));
        assertFalse(ScrapeCache.acceptsGzip("x-gzip"));
    }
}
