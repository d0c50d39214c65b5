package io.egressmon.streams.alerts;

import io.egressmon.avro.Gateway;
import io.egressmon.cost.GatewaySite;
import io.egressmon.schemas.Topic;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateways of {@code copilot.inventory} as the streams app starts, read with a plain consumer to
 * the end offsets before Kafka Streams runs: what the budgets file is checked against (a budget or
 * cost center that covers none of them is refused). The ingest writes the inventory on its first
 * poll; on a first start the streams app may come up before it, so an empty inventory is waited for.
 */
public final class KnownGateways {
    private static final Logger LOG = LoggerFactory.getLogger(KnownGateways.class);
    /** How long an empty inventory is waited for before the start fails. */
    public static final Duration WAIT = Duration.ofSeconds(60);
    private static final Duration POLL = Duration.ofMillis(200);

    private KnownGateways() {
    }

    /**
     * Every gateway of the inventory, waiting up to {@code wait} for a first one.
     *
     * @throws IllegalStateException when the inventory is still empty after {@code wait}
     */
    public static List<GatewaySite> read(String bootstrapServers, String clientId, Topic<String, Gateway> inventory,
                                         Duration wait) {
        Instant deadline = Instant.now().plus(wait);
        Instant nextLog = Instant.now();
        while (true) {
            Map<String, Gateway> gateways = readOnce(bootstrapServers, clientId, inventory);
            if (!gateways.isEmpty()) {
                List<GatewaySite> sites = new ArrayList<>();
                gateways.values().forEach(g -> sites.add(GatewaySite.of(g.getGwName(), g.getVendorName(), g.getVpcRegion(),
                        g.getAccountName(), g.getGroupName())));
                LOG.info("{} gateways in {}: the budgets file is checked against them", sites.size(), inventory.name());
                return sites;
            }
            if (!Instant.now().isBefore(deadline)) {
                throw new IllegalStateException("the inventory (" + inventory.name() + ") is still empty after "
                        + wait.toSeconds() + " s, and the budgets file (" + BudgetSettings.BUDGETS.name()
                        + ") can only be checked against known gateways: start the ingest (it writes the inventory on its "
                        + "first poll), or start without " + BudgetSettings.BUDGETS.name());
            }
            if (!Instant.now().isBefore(nextLog)) {
                LOG.info("waiting up to {} s for the ingest to write the inventory ({} is empty): the budgets file is checked "
                        + "against its gateways", Duration.between(Instant.now(), deadline).toSeconds(), inventory.name());
                nextLog = Instant.now().plusSeconds(10);
            }
            sleep(Duration.ofSeconds(1));
        }
    }

    /** The inventory now, read to the end offsets (committed records only); tombstones remove. */
    static Map<String, Gateway> readOnce(String bootstrapServers, String clientId, Topic<String, Gateway> inventory) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString().toLowerCase(java.util.Locale.ROOT));
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 100);
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        Map<String, Gateway> gateways = new TreeMap<>();
        try (KafkaConsumer<String, Gateway> consumer = new KafkaConsumer<>(props, inventory.keySerde().deserializer(),
                inventory.valueSerde().deserializer())) {
            List<PartitionInfo> infos = consumer.partitionsFor(inventory.name(), Duration.ofSeconds(30));
            if (infos == null || infos.isEmpty()) {
                return gateways;
            }
            List<TopicPartition> partitions = infos.stream().map(i -> new TopicPartition(i.topic(), i.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(partitions, Duration.ofSeconds(30)));
            Instant deadline = Instant.now().plusSeconds(60);
            while (!end.isEmpty()) {
                for (ConsumerRecord<String, Gateway> r : consumer.poll(POLL)) {
                    if (r.value() == null) {
                        gateways.remove(r.key());
                    } else {
                        gateways.put(r.key(), r.value());
                    }
                }
                end.entrySet().removeIf(e -> consumer.position(e.getKey()) >= e.getValue());
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("cannot read " + inventory.name() + " to its end within 60 s");
                }
            }
        }
        return gateways;
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the inventory", e);
        }
    }
}
