package io.egressmon.ingest.netflow;

import io.egressmon.avro.FlowBatch;
import io.egressmon.avro.Gateway;
import io.egressmon.config.KafkaSettings;
import io.egressmon.ingest.IngestStats;
import io.egressmon.ingest.KafkaClients;
import io.egressmon.registry.SchemaRegistryClient;
import io.egressmon.schemas.Topic;
import io.egressmon.schemas.TopicSetup;
import io.egressmon.schemas.Topics;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The NetFlow/IPFIX/sFlow collector (design.md, "Flow collector"): one thread per UDP socket, each
 * with its own decoder (templates are per exporter, and an exporter sends to one socket), writing one
 * {@link FlowBatch} per exporter and short batch (at most 1 000 flows or 100 ms) to
 * {@code flows.records}, keyed by the exporter's gateway so one gateway's flows stay on one partition.
 *
 * <p>Not transactional: UDP export is itself at-most-once, and the producer is idempotent, so a batch
 * is written once or (when Kafka refuses it for good) counted as failed.
 */
public final class FlowCollector implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(FlowCollector.class);
    /** How often the inventory's gateway addresses are read again. */
    static final Duration INVENTORY_REFRESH = Duration.ofMinutes(1);
    private static final Duration INVENTORY_READ_TIMEOUT = Duration.ofSeconds(30);

    private final CollectorSettings settings;
    private final CollectorStats stats = new CollectorStats();
    /** The latest sFlow interface counters per {@code agent/ifIndex}, written by every listener. */
    private final Map<String, InterfaceCounters> interfaceCounters = new ConcurrentHashMap<>();
    private final KafkaProducer<String, byte[]> producer;
    private final Topic<String, FlowBatch> topic;
    private final List<UdpListener> listeners = new ArrayList<>();
    private final ExporterGateways gateways;
    private final ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "collector-inventory");
        t.setDaemon(true);
        return t;
    });

    private FlowCollector(CollectorSettings settings, KafkaProducer<String, byte[]> producer, Topic<String, FlowBatch> topic,
                          ExporterGateways gateways) {
        this.settings = settings;
        this.producer = producer;
        this.topic = topic;
        this.gateways = gateways;
    }

    /**
     * Creates the topics if needed, then binds every configured socket and starts reading.
     *
     * @throws IOException naming the address that could not be bound
     */
    public static FlowCollector start(KafkaSettings kafka, CollectorSettings settings) throws IOException {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            TopicSetup.ensureTopics(admin, kafka.partitions(), (short) kafka.replicationFactor());
        }
        SchemaRegistryClient registry = new SchemaRegistryClient(kafka.schemaRegistryUrl());
        Topic<String, FlowBatch> topic = Topics.FLOW_RECORDS.bind(registry);
        Topic<String, Gateway> inventory = Topics.INVENTORY.bind(registry);
        ExporterGateways gateways = new ExporterGateways(settings.exporters(), () -> KafkaClients.latestByKey(
                KafkaClients.consumerProps(kafka.bootstrapServers(), "egressmon-collector-inventory"), inventory, g -> g,
                INVENTORY_READ_TIMEOUT, new IngestStats()));
        FlowCollector collector = new FlowCollector(settings, new KafkaProducer<>(producerProps(kafka)), topic, gateways);
        try {
            collector.refresher.scheduleWithFixedDelay(collector::refreshInventory, 0, INVENTORY_REFRESH.toSeconds(),
                    TimeUnit.SECONDS);
            collector.listen("netflow", settings.netflow(), () -> new NetflowDecoder(settings.decoder()));
            collector.listen("sflow", settings.sflow(), () -> new SflowDecoder(settings.decoder()));
        } catch (IOException | RuntimeException e) {
            collector.close();
            throw e;
        }
        return collector;
    }

    /** Reads the inventory's gateway addresses; a failure keeps the last mapping (and is logged). */
    private void refreshInventory() {
        try {
            int mapped = gateways.refresh();
            log.debug("inventory read: {} gateway addresses map exporters", mapped);
        } catch (RuntimeException e) {
            log.warn("could not read the inventory for exporter addresses (the last mapping stays): {}", e.toString());
        }
    }

    /** Batched and compressed for rate; idempotent so a retried batch is not written twice. */
    static Map<String, Object> producerProps(KafkaSettings kafka) {
        Map<String, Object> p = new HashMap<>();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "egressmon-collector");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 10);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        return p;
    }

    private void listen(String kind, List<InetSocketAddress> addresses, Supplier<DatagramDecoder> decoders) throws IOException {
        for (InetSocketAddress address : addresses) {
            UdpListener listener = new UdpListener(kind, address, settings.receiveBuffer(), decoders.get(),
                    new BatchSink(stats, interfaceCounters, this::gatewayOf), stats, this::write);
            listeners.add(listener.start());
        }
    }

    /** The gateway an exporter's flows belong to (configuration, then inventory); empty when neither says. */
    String gatewayOf(InetAddress exporter) {
        return gateways.gatewayOf(exporter);
    }

    private void write(FlowBatch batch) {
        String key = batch.getGateway().isEmpty() ? batch.getExporter() : batch.getGateway();
        int flows = batch.getFlows().size();
        byte[] value = topic.serializeValue(batch);
        producer.send(new ProducerRecord<>(topic.name(), key, value), (metadata, error) -> {
            if (error == null) {
                stats.writtenBatches.incrementAndGet();
                stats.writtenFlows.addAndGet(flows);
            } else {
                long failed = stats.failedBatches.incrementAndGet();
                stats.failedFlows.addAndGet(flows);
                if (Long.bitCount(failed) == 1) { // 1st, 2nd, 4th, 8th…: visible, not a flood
                    log.warn("Kafka refused a batch of {} flows (failed batches so far: {}): {}", flows, failed, error.toString());
                }
            }
        });
    }

    public CollectorStats stats() {
        return stats;
    }

    /** The producer of {@code flows.records}, whose Kafka metrics {@link CollectorMetrics} binds. */
    KafkaProducer<String, byte[]> producer() {
        return producer;
    }

    /** The bound addresses (the real ports when 0 was asked). */
    public List<InetSocketAddress> addresses() {
        return listeners.stream().map(UdpListener::address).toList();
    }

    /** Datagrams the kernel dropped on our sockets because their receive buffers were full. */
    public long kernelDrops() {
        Set<Integer> ports = addresses().stream().map(InetSocketAddress::getPort).collect(Collectors.toSet());
        return KernelDrops.of(ports);
    }

    /** The latest sFlow generic interface counters, per {@code agent/ifIndex}. */
    public Map<String, InterfaceCounters> interfaceCounters() {
        return Map.copyOf(interfaceCounters);
    }

    /** True when {@link #kernelDrops()} is known on this system. */
    public static boolean kernelDropsKnown() {
        return KernelDrops.available();
    }

    /** Closes the sockets, then flushes what the producer still holds. */
    @Override
    public void close() {
        refresher.shutdownNow();
        for (UdpListener l : listeners) {
            try {
                l.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        producer.close(Duration.ofSeconds(10));
        log.info("collector stopped: {}", stats.totals());
    }
}
