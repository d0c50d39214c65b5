package io.egressmon.streams;

import io.egressmon.api.KafkaReach;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks Kafka every few seconds whether it answers, on a thread of its own, so that {@code /health}
 * and {@code /ready} can say at once, without blocking, whether Kafka is reachable and since when
 * it is not. An outage is logged once when it starts and once when it ends, without a stack trace:
 * Kafka's own clients already report every failed connection attempt.
 */
final class BrokerWatch implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BrokerWatch.class);
    static final Duration INTERVAL = Duration.ofSeconds(3);
    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    private final String bootstrapServers;
    private final Admin admin;
    private final ScheduledExecutorService timer;
    private volatile long lastContactNanos = System.nanoTime();
    private volatile String error;

    private BrokerWatch(String bootstrapServers, Admin admin) {
        this.bootstrapServers = bootstrapServers;
        this.admin = admin;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "egressmon-broker-watch");
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts watching {@code bootstrapServers}; Kafka counts as reachable until a first question fails. */
    static BrokerWatch start(String bootstrapServers, String clientId) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, clientId);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        // One connection attempt per question is plenty: the default backs off to 1 s and logs each.
        props.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, (int) INTERVAL.toMillis());
        BrokerWatch watch = new BrokerWatch(bootstrapServers, Admin.create(props));
        watch.timer.scheduleWithFixedDelay(watch::ask, INTERVAL.toMillis(), INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        return watch;
    }

    /** What was last found out; never blocks. */
    KafkaReach reach() {
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - lastContactNanos);
        String e = error;
        return new KafkaReach(e == null, seconds, e);
    }

    private void ask() {
        try {
            admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) TIMEOUT.toMillis()))
                    .clusterId().get(TIMEOUT.toMillis() + 1000, TimeUnit.MILLISECONDS);
            if (error != null) {
                LOG.info("Kafka at {} answers again, after {} s", bootstrapServers,
                        TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - lastContactNanos));
            }
            lastContactNanos = System.nanoTime();
            error = null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            String message = cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
            if (error == null) {
                LOG.warn("Kafka at {} does not answer: {}; /ready answers 503 until it does", bootstrapServers, message);
            }
            error = message;
        } catch (RuntimeException e) {
            // A bug rather than an outage: say it once per occurrence, keep watching.
            LOG.warn("cannot ask Kafka at {} whether it answers", bootstrapServers, e);
            error = e.toString();
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        admin.close(Duration.ZERO);
    }
}
