package io.egressmon.streams;

import io.egressmon.config.KafkaSettings;
import io.egressmon.schemas.TopicSetup;
import io.egressmon.streams.query.StoreLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The topics an instance needs before it starts, and how many partitions a complete answer covers. */
final class StoreTopics {
    private static final Logger LOG = LoggerFactory.getLogger(StoreTopics.class);

    private StoreTopics() {
    }

    /**
     * Creates missing topics and returns, per layout, the partition count of its window stores'
     * source topics. Those topics may predate this configuration, and a complete answer must cover
     * every partition, so the count comes from the broker rather than from the setting.
     */
    static List<Integer> prepare(StreamsAppConfig config, List<StoreLayout> layouts) {
        try (Admin admin = Admin.create(adminProperties(config))) {
            TopicSetup.ensureTopics(admin, config.kafka().partitions(), (short) config.kafka().replicationFactor());
            List<Integer> counts = new ArrayList<>();
            for (StoreLayout layout : layouts) {
                counts.add(partitionsOf(admin, config, layout.sourceTopics()));
            }
            return counts;
        }
    }

    private static int partitionsOf(Admin admin, StreamsAppConfig config, Set<String> sourceTopics) {
        try {
            Map<String, TopicDescription> descriptions = admin.describeTopics(sourceTopics).allTopicNames()
                    .get(30, TimeUnit.SECONDS);
            Map<String, Integer> counts = new TreeMap<>();
            descriptions.forEach((name, d) -> counts.put(name, d.partitions().size()));
            if (counts.values().stream().distinct().count() != 1) {
                throw new IllegalStateException("the source topics of the window stores have different partition counts: " + counts);
            }
            int actual = counts.values().iterator().next();
            if (actual != config.kafka().partitions()) {
                LOG.warn("topics {} already exist with {} partitions, not the configured {} ({}): using {}",
                        counts.keySet(), actual, config.kafka().partitions(), KafkaSettings.PARTITIONS.name(), actual);
            }
            return actual;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while describing topics " + sourceTopics, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot describe topics " + sourceTopics + " (is Kafka at "
                    + config.kafka().bootstrapServers() + " reachable?): " + e, e);
        }
    }

    private static Properties adminProperties(StreamsAppConfig config) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafka().bootstrapServers());
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, config.applicationId() + "-setup");
        return props;
    }

}
