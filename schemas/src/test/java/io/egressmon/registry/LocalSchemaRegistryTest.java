package io.egressmon.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("LocalSchemaRegistry keeps Confluent's rules without HTTP")
class LocalSchemaRegistryTest {
    private static final Schema V1 = SchemaBuilder.record("Spoke").namespace("t").fields()
            .requiredString("name").endRecord();
    /** V1 plus a defaulted field: a reader of V2 reads V1 data (BACKWARD). */
    private static final Schema V2 = SchemaBuilder.record("Spoke").namespace("t").fields()
            .requiredString("name").name("region").type().stringType().stringDefault("").endRecord();
    /** V1 plus a field without default: cannot read V1 data. */
    private static final Schema INCOMPATIBLE = SchemaBuilder.record("Spoke").namespace("t").fields()
            .requiredString("name").requiredInt("cloud").endRecord();

    private final List<String> told = new ArrayList<>();
    private final LocalSchemaRegistry registry = new LocalSchemaRegistry((subject, schema) -> told.add(subject));

    @Test
    @DisplayName("ids are global, start at 1 and grow; the same schema gets the same id under every subject")
    void globalIds() {
        assertEquals(1, registry.register("a-value", V1));
        assertEquals(2, registry.register("a-value", V2));
        assertEquals(1, registry.register("b-value", new Schema.Parser().parse(V1.toString(true))));
        assertEquals(V2, registry.schemaById(2));
        assertEquals(List.of("a-value", "b-value"), registry.subjects());
    }

    @Test
    @DisplayName("registering a schema the subject already has returns its id and adds no version")
    void idempotentRegistration() {
        registry.register("a-value", V1);
        registry.register("a-value", V2);
        assertEquals(1, registry.register("a-value", V1));
        assertEquals(List.of(1, 2), registry.versions("a-value"));
        assertEquals(List.of("a-value", "a-value"), told, "told of each new version once");
    }

    @Test
    @DisplayName("a new version that cannot read the latest one's data is refused with 409 and adds nothing")
    void backwardCompatibility() {
        registry.register("a-value", V1);
        SchemaRegistryException e = assertThrows(SchemaRegistryException.class, () -> registry.register("a-value", INCOMPATIBLE));
        assertEquals(409, e.status());
        assertEquals(409, e.errorCode());
        assertEquals(List.of(1), registry.versions("a-value"));
        assertEquals(2, registry.register("other-value", INCOMPATIBLE), "the refused schema got no id; another subject may have it");
    }

    @Test
    @DisplayName("an unknown id is refused as Confluent does (404, 40403), which a serde reads as bad input")
    void unknownId() {
        SchemaRegistryException e = assertThrows(SchemaRegistryException.class, () -> registry.schemaById(1));
        assertEquals(404, e.status());
        assertEquals(SchemaRegistryException.SCHEMA_NOT_FOUND, e.errorCode());
        assertEquals("Schema not found", e.getMessage());
    }

    @Test
    @DisplayName("versions are found by number, latest or schema; an unknown subject is 40401, a version past the latest 40402")
    void versions() {
        registry.register("a-value", V1);
        registry.register("a-value", V2);
        assertEquals(new LocalSchemaRegistry.Version("a-value", 2, 2, V2), registry.version("a-value", "latest"));
        assertEquals(new LocalSchemaRegistry.Version("a-value", 1, 1, V1), registry.version("a-value", "1"));
        assertEquals(new LocalSchemaRegistry.Version("a-value", 2, 2, V2), registry.lookup("a-value", V2));
        assertEquals(List.of(new LocalSchemaRegistry.Version("a-value", 1, 1, V1)), registry.versionsOf(1));
        assertEquals(40401, assertThrows(SchemaRegistryException.class, () -> registry.versions("b-value")).errorCode());
        assertEquals(40402, assertThrows(SchemaRegistryException.class, () -> registry.version("a-value", "3")).errorCode());
        assertEquals(42202, assertThrows(SchemaRegistryException.class, () -> registry.version("a-value", "0")).errorCode());
    }

    @Test
    @DisplayName("a version whose announcement fails (a journal that cannot be written) is not added")
    void refusedAnnouncement() {
        LocalSchemaRegistry failing = new LocalSchemaRegistry((subject, schema) -> {
            throw new IllegalStateException("disk full");
        });
        assertThrows(IllegalStateException.class, () -> failing.register("a-value", V1));
        assertEquals(List.of(), failing.subjects());
        assertThrows(SchemaRegistryException.class, () -> failing.schemaById(1));
    }
}
