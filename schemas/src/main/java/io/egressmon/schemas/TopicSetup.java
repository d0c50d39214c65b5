package io.egressmon.schemas;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.TopicExistsException;

/** Creates the pipeline's topics if they are missing; safe to call from every role at start. */
public final class TopicSetup {
    private TopicSetup() {
    }

    public static void ensureTopics(Admin admin, int partitions, short replicationFactor) {
        List<NewTopic> wanted = newTopics(partitions, replicationFactor);
        try {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = wanted.stream().filter(t -> !existing.contains(t.name())).toList();
            if (missing.isEmpty()) {
                return;
            }
            admin.createTopics(missing).values().forEach((name, future) -> {
                try {
                    future.get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create topic " + name + ": " + e.getCause(), e.getCause());
                    }
                } catch (InterruptedException | TimeoutException e) {
                    throw new IllegalStateException("cannot create topic " + name + ": " + e, e);
                }
            });
            awaitLeaders(admin, missing.stream().map(NewTopic::name).toList());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while listing topics", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot list topics (is Kafka reachable?): " + e, e);
        }
    }

    /**
     * A topic the controller has just created can refuse the first writes until every partition
     * has a leader (an idempotent producer then loops on out-of-order sequence errors), so wait.
     *
     * @throws IllegalStateException when some partition still has none after 30 s
     */
    public static void awaitLeaders(Admin admin, Collection<String> topics) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try {
                Map<String, TopicDescription> described = admin.describeTopics(topics).allTopicNames().get(10, TimeUnit.SECONDS);
                if (led(described.values())) {
                    return;
                }
            } catch (ExecutionException | TimeoutException e) {
                // Metadata of a new topic can lag behind its creation; ask again until the deadline.
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("topics " + topics + " were created but cannot be described: " + e, e);
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("topics " + topics + " have partitions without a leader after 30 s");
            }
            Thread.sleep(100);
        }
    }

    /** Whether every partition of {@code topics} has a leader. */
    public static boolean led(Collection<TopicDescription> topics) {
        return topics.stream().allMatch(d -> d.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty()));
    }

    /** Every topic of {@link Topics}, as its declaration says to create it. */
    static List<NewTopic> newTopics(int partitions, short replicationFactor) {
        return Topics.ALL.stream().map(t -> t.newTopic(partitions, replicationFactor)).toList();
    }
}
