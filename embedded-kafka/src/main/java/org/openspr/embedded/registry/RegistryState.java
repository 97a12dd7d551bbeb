package org.openspr.embedded.registry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.avro.Schema;

/**
 * The registry's index, rebuilt on start by replaying the store topic and then kept in step with every write.
 * The topic is the source of truth; this is the view that answers requests. Not thread-safe: the service
 * serialises access.
 */
final class RegistryState {
    private final Map<String, TreeMap<Integer, SchemaRecord>> subjects = new HashMap<>();
    private final Map<Integer, String> schemasById = new HashMap<>();
    private final Map<Schema, Integer> idsBySchema = new HashMap<>();
    private final Map<String, String> subjectCompatibility = new HashMap<>();
    private String globalCompatibility = "BACKWARD";
    private int maxId;

    void apply(SchemaRecord record) {
        subjects.computeIfAbsent(record.subject(), s -> new TreeMap<>()).put(record.version(), record);
        schemasById.putIfAbsent(record.id(), record.schema());
        idsBySchema.putIfAbsent(parse(record.schema()), record.id());
        maxId = Math.max(maxId, record.id());
    }

    void remove(String subject, int version) {
        TreeMap<Integer, SchemaRecord> versions = subjects.get(subject);
        if (versions != null) {
            versions.remove(version);
            if (versions.isEmpty()) {
                subjects.remove(subject);
            }
        }
    }

    void applyConfig(String subject, String level) {
        if (subject == null) {
            globalCompatibility = level == null ? "BACKWARD" : level;
        } else if (level == null) {
            subjectCompatibility.remove(subject);
        } else {
            subjectCompatibility.put(subject, level);
        }
    }

    /** All versions of a subject, including soft-deleted ones, oldest first. */
    List<SchemaRecord> versions(String subject) {
        TreeMap<Integer, SchemaRecord> versions = subjects.get(subject);
        return versions == null ? List.of() : new ArrayList<>(versions.values());
    }

    List<SchemaRecord> liveVersions(String subject) {
        return versions(subject).stream().filter(r -> !r.deleted()).toList();
    }

    List<String> subjectNames(boolean includeDeleted) {
        return subjects.keySet().stream()
                .filter(s -> includeDeleted || !liveVersions(s).isEmpty())
                .sorted().toList();
    }

    Optional<String> schemaById(int id) {
        return Optional.ofNullable(schemasById.get(id));
    }

    /** The id already given to an equal schema anywhere in the registry, if any (ids are global). */
    Optional<Integer> idOf(Schema schema) {
        return Optional.ofNullable(idsBySchema.get(schema));
    }

    int nextId() {
        return maxId + 1;
    }

    String globalCompatibility() {
        return globalCompatibility;
    }

    Optional<String> subjectCompatibility(String subject) {
        return Optional.ofNullable(subjectCompatibility.get(subject));
    }

    static Schema parse(String schema) {
        return new Schema.Parser().setValidateDefaults(true).parse(schema);
    }
}
