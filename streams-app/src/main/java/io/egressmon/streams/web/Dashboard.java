package io.egressmon.streams.web;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.StaticHandler;

/**
 * The web dashboard (README, "Dashboard"): static files packed into the jar, served on the API's own
 * port, so any instance serves it and its page asks that instance's API, which fans out. The page
 * (resources {@code webroot/dashboard}) is plain JavaScript modules; its one library, uPlot, comes from
 * its WebJar on Maven Central. Nothing is fetched from the internet at run time.
 */
final class Dashboard {
    /** The page itself. */
    static final String PAGE = "/";
    /** The page's scripts and styles. */
    static final String ASSETS = "/dashboard/*";
    /** uPlot's files, from the WebJar: the version here is the one the root pom pins ({@code uplot.version}). */
    static final String UPLOT = "/dashboard/lib/uplot/*";
    static final String UPLOT_VERSION = "1.6.30";
    static final String UPLOT_ROOT = "META-INF/resources/webjars/uplot/" + UPLOT_VERSION + "/dist";
    static final String WEBROOT = "webroot/dashboard";

    private Dashboard() {
    }

    /** Adds the page's routes; the API's routes keep their paths (none is under {@code /dashboard}). */
    static void mount(Router router) {
        // Short-lived caching: an upgraded jar's page must not run against stale scripts for a day.
        StaticHandler page = StaticHandler.create(WEBROOT).setMaxAgeSeconds(60).setIndexPage("index.html");
        router.get(UPLOT).handler(StaticHandler.create(UPLOT_ROOT).setMaxAgeSeconds(86_400));
        router.get(PAGE).handler(page);
        router.get(ASSETS).handler(page);
    }
}
