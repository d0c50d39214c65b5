package io.egressmon.registry;

import org.apache.avro.Schema;

/**
 * What a serde needs of a schema registry, with Confluent's semantics: ids are global, and the same
 * schema gets the same id under every subject. Implemented over HTTP by {@link SchemaRegistryClient}
 * (Confluent, Apicurio's ccompat API, our embedded server) and in this process by
 * {@link LocalSchemaRegistry} (topology tests, and the storage behind the embedded server).
 */
public interface SchemaRegistry {

    /**
     * Registers (or finds) {@code schema} under {@code subject}; returns its global id.
     *
     * @throws SchemaRegistryException the registry refused the schema (e.g. 409: incompatible with the
     *                                 subject's latest version) or could not be asked
     */
    int register(String subject, Schema schema);

    /**
     * The schema with global id {@code id}.
     *
     * @throws SchemaRegistryException status 404 with {@link SchemaRegistryException#SCHEMA_NOT_FOUND}
     *                                 for an unknown id; another status (or 0) when the registry could
     *                                 not answer, which says nothing about the id
     */
    Schema schemaById(int id);
}
