package io.egressmon.config;

import java.util.List;

/**
 * Where Kafka and the schema registry are, and the shape of the topics a role creates: one place
 * for every role. The bootstrap servers and the registry have no default: {@code egressmon run}
 * fills them in with its embedded broker and registry; the other roles need them given.
 *
 * @param bootstrapServers  {@code host:port[,host:port]}; null when not given
 * @param schemaRegistryUrl the Confluent-API registry; null when not given
 * @param partitions        partitions of the topics a role creates
 * @param replicationFactor replication of the topics a role creates and of Kafka Streams' internal ones
 */
public record KafkaSettings(String bootstrapServers, String schemaRegistryUrl, int partitions, int replicationFactor) {

    public static final Setting<KafkaSettings, String> BOOTSTRAP_SERVERS = Setting.of(KafkaSettings.class,
            "EGRESSMON_BOOTSTRAP_SERVERS", Kind.TEXT, null, "kafka-1:9092,kafka-2:9092",
            "Kafka bootstrap servers (flag --bootstrap-servers); `run` starts an embedded broker without it",
            KafkaSettings::bootstrapServers);
    public static final Setting<KafkaSettings, String> SCHEMA_REGISTRY_URL = Setting.of(KafkaSettings.class,
            "EGRESSMON_SCHEMA_REGISTRY_URL", Kind.HTTP_URL, null, "http://registry:8080/apis/ccompat/v7",
            "Confluent-API schema registry (flag --schema-registry-url); `run` starts an in-memory one without it",
            KafkaSettings::schemaRegistryUrl);
    public static final Setting<KafkaSettings, Integer> PARTITIONS = Setting.of(KafkaSettings.class,
            "EGRESSMON_PARTITIONS", Kind.integer(1, 10_000), "6", "12",
            "partitions of the topics a role creates; `run` gives a new embedded broker 3 unless set",
            KafkaSettings::partitions);
    public static final Setting<KafkaSettings, Integer> REPLICATION_FACTOR = Setting.of(KafkaSettings.class,
            "EGRESSMON_REPLICATION_FACTOR", Kind.integer(1, Short.MAX_VALUE), "1", "3",
            "replication of the created topics and of Kafka Streams' internal ones", KafkaSettings::replicationFactor);
    public static final List<Setting<KafkaSettings, ?>> SETTINGS = List.of(BOOTSTRAP_SERVERS, SCHEMA_REGISTRY_URL,
            PARTITIONS, REPLICATION_FACTOR);

    public static KafkaSettings from(SettingsReader r) {
        return new KafkaSettings(r.get(BOOTSTRAP_SERVERS), r.get(SCHEMA_REGISTRY_URL), r.get(PARTITIONS),
                r.get(REPLICATION_FACTOR));
    }

    /** Adds a problem for each of Kafka and the registry that a role needs but was not given. */
    public KafkaSettings requireExternal(SettingsReader r, String role) {
        if (bootstrapServers == null) {
            r.problem("Kafka is not set: " + role + " needs " + BOOTSTRAP_SERVERS.name()
                    + " (or --bootstrap-servers) as host:port[,host:port]; `egressmon run` is the all-in-one default");
        }
        if (schemaRegistryUrl == null) {
            r.problem("the schema registry is not set: " + role + " needs " + SCHEMA_REGISTRY_URL.name()
                    + " (or --schema-registry-url)");
        }
        return this;
    }
}
