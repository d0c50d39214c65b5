package io.egressmon.registry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;

/**
 * A schema registry in this process's memory, without HTTP: a map of ids and one of subjects. It
 * behaves as Confluent's registry does, so that a serde sees the same ids and refusals it would see
 * over HTTP: ids are global, start at 1 and grow; the same schema (compared as parsed, so whitespace
 * and attribute order do not matter) gets the same id under every subject; registering a schema a
 * subject already has returns its id without a new version; a new version must be BACKWARD compatible
 * with the subject's latest one. Refusals are {@link SchemaRegistryException}s with the HTTP status
 * and {@code error_code} Confluent's registry answers with.
 *
 * <p>Topology tests use it directly; the embedded HTTP registry serves it.
 */
public final class LocalSchemaRegistry implements SchemaRegistry {

    /** Told of every new version before it is added; an exception refuses the registration. */
    @FunctionalInterface
    public interface NewVersions {
        void adding(String subject, Schema schema);
    }

    /** Version {@code version} of {@code subject}: the schema with global id {@code id}. */
    public record Version(String subject, int version, int id, Schema schema) {
    }

    private static final NewVersions NOBODY = (subject, schema) -> { };

    private final NewVersions newVersions;
    /** Schema with id i is element i - 1. */
    private final List<Schema> schemasById = new ArrayList<>();
    private final Map<String, Integer> idsBySchema = new HashMap<>();
    /** Per subject, the ids of its versions: version v is element v - 1. */
    private final Map<String, List<Integer>> versionsBySubject = new TreeMap<>();

    public LocalSchemaRegistry() {
        this(NOBODY);
    }

    public LocalSchemaRegistry(NewVersions newVersions) {
        this.newVersions = newVersions;
    }

    @Override
    public synchronized int register(String subject, Schema schema) {
        String text = schema.toString();
        List<Integer> versions = versionsBySubject.get(subject);
        Integer existing = idsBySchema.get(text);
        if (existing != null && versions != null && versions.contains(existing)) {
            return existing;
        }
        if (versions != null && !versions.isEmpty()) {
            Schema latest = schemasById.get(versions.get(versions.size() - 1) - 1);
            SchemaCompatibility.SchemaPairCompatibility check =
                    SchemaCompatibility.checkReaderWriterCompatibility(schema, latest);
            if (check.getType() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
                throw refused(409, 409, "Schema being registered is incompatible with an earlier schema"
                        + " for subject \"" + subject + "\" (BACKWARD): " + check.getResult().getIncompatibilities());
            }
        }
        // Told first: an id handed out that a journal missed would be numbered differently after a
        // restart, and records in Kafka would point at the wrong schema.
        newVersions.adding(subject, schema);
        int id;
        if (existing != null) {
            id = existing;
        } else {
            // A private copy: the caller's schema object (a generated class's) stays the caller's.
            schemasById.add(new Schema.Parser().parse(text));
            id = schemasById.size();
            idsBySchema.put(text, id);
        }
        versionsBySubject.computeIfAbsent(subject, s -> new ArrayList<>()).add(id);
        return id;
    }

    @Override
    public synchronized Schema schemaById(int id) {
        if (id < 1 || id > schemasById.size()) {
            throw refused(404, SchemaRegistryException.SCHEMA_NOT_FOUND, "Schema not found");
        }
        return schemasById.get(id - 1);
    }

    /** The version of {@code subject} that has {@code schema}. */
    public synchronized Version lookup(String subject, Schema schema) {
        List<Integer> versions = subjectVersions(subject);
        Integer id = idsBySchema.get(schema.toString());
        int index = id == null ? -1 : versions.indexOf(id);
        if (index < 0) {
            throw refused(404, SchemaRegistryException.SCHEMA_NOT_FOUND, "Schema not found");
        }
        return version(subject, index + 1, id);
    }

    /** Every subject and version that has the schema with id {@code id}, subjects in order. */
    public synchronized List<Version> versionsOf(int id) {
        schemaById(id);
        List<Version> found = new ArrayList<>();
        versionsBySubject.forEach((subject, ids) -> {
            for (int i = 0; i < ids.size(); i++) {
                if (ids.get(i) == id) {
                    found.add(version(subject, i + 1, id));
                }
            }
        });
        return found;
    }

    /** The subjects, in order. */
    public synchronized List<String> subjects() {
        return List.copyOf(versionsBySubject.keySet());
    }

    /** The version numbers of {@code subject}: 1 to its latest. */
    public synchronized List<Integer> versions(String subject) {
        List<Integer> versions = subjectVersions(subject);
        List<Integer> numbers = new ArrayList<>();
        for (int v = 1; v <= versions.size(); v++) {
            numbers.add(v);
        }
        return numbers;
    }

    /** Version {@code version} of {@code subject}: a number from 1, or {@code latest} (also {@code -1}). */
    public synchronized Version version(String subject, String version) {
        List<Integer> versions = subjectVersions(subject);
        int v;
        if (version.equals("latest") || version.equals("-1")) {
            v = versions.size();
        } else {
            try {
                v = Integer.parseInt(version);
            } catch (NumberFormatException e) {
                throw invalidVersion(version);
            }
            if (v < 1) {
                throw invalidVersion(version);
            }
            if (v > versions.size()) {
                throw refused(404, 40402, "Version " + v + " not found.");
            }
        }
        return version(subject, v, versions.get(v - 1));
    }

    private List<Integer> subjectVersions(String subject) {
        List<Integer> versions = versionsBySubject.get(subject);
        if (versions == null) {
            throw refused(404, 40401, "Subject '" + subject + "' not found.");
        }
        return versions;
    }

    private Version version(String subject, int version, int id) {
        return new Version(subject, version, id, schemasById.get(id - 1));
    }

    private static SchemaRegistryException invalidVersion(String version) {
        return refused(422, 42202, "The specified version '" + version + "' is not a valid version id."
                + " Allowed values are between [1, 2^31-1] and the string \"latest\"");
    }

    private static SchemaRegistryException refused(int status, int errorCode, String message) {
        return new SchemaRegistryException(message, status, errorCode, null);
    }
}
