package io.egressmon.streams.alerts.webhook;

import io.egressmon.avro.CostAlert;
import io.egressmon.schemas.Topic;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers every alert of {@code egressmon.alerts} to every webhook, at least once: a consumer of its
 * own group reads committed records only ({@code read_committed}: an aborted alert is never seen), one
 * alert at a time, POSTs it to all webhooks in parallel ({@link WebhookSender}) and commits its offset
 * once every webhook has it or gave it up. A crash or stop before that sends it again at the next
 * start; receivers dedupe by {@code X-Egressmon-Dedupe-Key}, which makes it exactly once for them.
 * Instances of one application share the group, so each alert is sent by one of them.
 *
 * <p>An alert being retried holds back the ones after it (they keep their order); the consumer keeps
 * its place in the group meanwhile by polling with its partitions paused.
 */
public final class AlertDeliverer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AlertDeliverer.class);
    private static final Duration POLL = Duration.ofSeconds(1);
    /** How often the consumer polls (paused) while an alert is being delivered, to stay in the group. */
    private static final Duration PUMP = Duration.ofMillis(200);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private final KafkaConsumer<String, byte[]> consumer;
    private final Topic<String, CostAlert> topic;
    private final List<Webhook> webhooks;
    private final WebhookSender sender;
    private final WebhookStats stats;
    private final ExecutorService senders;
    private final Thread thread;
    private final Deque<ConsumerRecord<String, byte[]>> pending = new ArrayDeque<>();
    private volatile boolean running = true;
    /** Set on the consumer's thread while an alert is out: partitions assigned meanwhile are paused too. */
    private boolean delivering;

    private AlertDeliverer(KafkaConsumer<String, byte[]> consumer, Topic<String, CostAlert> topic, WebhookSettings settings,
                           WebhookStats stats, HttpClient client, Clock clock) {
        this.consumer = consumer;
        this.topic = topic;
        this.webhooks = settings.webhooks();
        this.stats = stats;
        this.sender = new WebhookSender(client, settings, stats, clock);
        AtomicInteger n = new AtomicInteger();
        this.senders = Executors.newFixedThreadPool(webhooks.size(), r -> {
            Thread t = new Thread(r, "egressmon-webhook-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.thread = new Thread(this::run, "egressmon-alert-deliverer");
    }

    /**
     * Starts delivering {@code topic}'s alerts to {@code settings}' webhooks, as member of {@code groupId}.
     *
     * @throws IllegalArgumentException when no webhook is configured
     */
    public static AlertDeliverer start(String bootstrapServers, String groupId, Topic<String, CostAlert> topic,
                                       WebhookSettings settings, WebhookStats stats, Clock clock) {
        if (!settings.enabled()) {
            throw new IllegalArgumentException("no webhook to deliver alerts to");
        }
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(properties(bootstrapServers, groupId));
        AlertDeliverer deliverer = new AlertDeliverer(consumer, topic, settings, stats, WebhookSender.client(settings), clock);
        consumer.subscribe(List.of(topic.name()), deliverer.new Rebalance());
        deliverer.thread.start();
        LOG.info("delivering {} to {} as consumer group {}", topic.name(), settings.webhooks(), groupId);
        return deliverer;
    }

    static Properties properties(String bootstrapServers, String groupId) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, groupId + "-" + UUID.randomUUID().toString().substring(0, 8));
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        // An aborted transaction's alert was never raised.
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // A new group sends every alert the topic keeps: none is missed between the alerts' first
        // record and the deliverer's first start.
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 100);
        return p;
    }

    private void run() {
        try {
            while (running) {
                if (pending.isEmpty()) {
                    consumer.poll(POLL).forEach(pending::add);
                    continue;
                }
                ConsumerRecord<String, byte[]> record = pending.poll();
                if (deliver(record)) {
                    commit(record);
                }
            }
        } catch (WakeupException e) {
            // close(): fall through
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error("alert delivery stopped: {} (alerts not yet delivered are sent after the next start)", e.toString(), e);
        } finally {
            try {
                consumer.close(CLOSE_TIMEOUT);
            } catch (RuntimeException e) {
                LOG.warn("the alerts' consumer did not close cleanly: {}", e.toString());
            }
        }
    }

    /** True when every webhook has {@code record} or gave it up; false when stopped meanwhile. */
    private boolean deliver(ConsumerRecord<String, byte[]> record) throws InterruptedException {
        byte[] body;
        String key;
        try {
            CostAlert alert = topic.deserializeValue(record.value());
            if (alert == null) {
                return true; // a tombstone: nothing to tell
            }
            body = AlertBody.of(alert).bytes();
            key = alert.getDedupeKey();
        } catch (RuntimeException e) {
            LOG.warn("alert at {}-{}@{} cannot be read ({}): dropped", record.topic(), record.partition(), record.offset(),
                    e.toString());
            webhooks.forEach(w -> stats.dropped(w, WebhookStats.Drop.UNREADABLE));
            return true;
        }
        List<CompletableFuture<WebhookSender.Outcome>> outcomes = new ArrayList<>();
        for (Webhook w : webhooks) {
            CompletableFuture<WebhookSender.Outcome> outcome = new CompletableFuture<>();
            senders.execute(() -> {
                try {
                    outcome.complete(sender.deliver(w, key, body));
                } catch (Throwable t) {
                    outcome.completeExceptionally(t);
                }
            });
            outcomes.add(outcome);
        }
        CompletableFuture<Void> all = CompletableFuture.allOf(outcomes.toArray(CompletableFuture[]::new));
        Collection<TopicPartition> paused = consumer.assignment();
        consumer.pause(paused);
        delivering = true;
        try {
            while (true) {
                try {
                    all.get(PUMP.toMillis(), TimeUnit.MILLISECONDS);
                    return true;
                } catch (TimeoutException e) {
                    // Polling with every partition paused fetches nothing but keeps the membership
                    // (max.poll.interval.ms) while a webhook is retried for minutes.
                    consumer.poll(Duration.ZERO).forEach(pending::add);
                    if (!running) {
                        return false;
                    }
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof InterruptedException) {
                        return false;
                    }
                    throw new IllegalStateException("delivering alert " + key + " failed", e.getCause());
                }
            }
        } finally {
            delivering = false;
            consumer.resume(consumer.assignment());
        }
    }

    private void commit(ConsumerRecord<String, byte[]> record) {
        TopicPartition tp = new TopicPartition(record.topic(), record.partition());
        try {
            consumer.commitSync(Map.of(tp, new OffsetAndMetadata(record.offset() + 1)));
            stats.alertDone();
        } catch (WakeupException e) {
            throw e;
        } catch (KafkaException e) {
            // The partition moved to another instance meanwhile (or Kafka is away): it sends the alert
            // again from the last committed offset, and receivers dedupe by its key.
            LOG.info("could not commit alert at {}@{} ({}): it will be delivered again", tp, record.offset(), e.toString());
        }
    }

    /** Stops at once: an alert being delivered is not committed and is sent again after the next start. */
    @Override
    public void close() {
        if (!running) {
            return;
        }
        running = false;
        senders.shutdownNow();
        consumer.wakeup();
        try {
            thread.join(CLOSE_TIMEOUT.plusSeconds(2).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOG.warn("the alert deliverer did not stop within {}", CLOSE_TIMEOUT.plusSeconds(2));
        }
    }

    /** Keeps {@link #pending} and the pause in step with the partitions this member holds. */
    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            // Their next owner reads them from the committed offset.
            pending.removeIf(r -> partitions.contains(new TopicPartition(r.topic(), r.partition())));
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            if (delivering) {
                consumer.pause(partitions);
            }
        }
    }
}
