package org.openspr.embedded.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

/**
 * The registry's operations with Confluent's semantics: global ids shared by equal schemas, per-subject
 * versions, compatibility enforced on register, soft and permanent deletes. Writes go to the Kafka log first
 * and change the index only after the broker acknowledged them.
 */
final class SchemaRegistryService {
    static final Set<String> LEVELS = Set.of("NONE", "BACKWARD", "BACKWARD_TRANSITIVE", "FORWARD", "FORWARD_TRANSITIVE",
            "FULL", "FULL_TRANSITIVE");

    private final RegistryState state = new RegistryState();
    private final SchemaLog log;

    SchemaRegistryService(SchemaLog log) {
        this.log = log;
        log.replayInto(state);
    }

    /** Registers (or finds) the schema under the subject and returns its global id. */
    synchronized int register(String subject, String schemaText) {
        Schema schema = parseSchema(schemaText);
        List<SchemaRecord> live = state.liveVersions(subject);
        for (SchemaRecord existing : live) {
            if (RegistryState.parse(existing.schema()).equals(schema)) {
                return existing.id();
            }
        }
        List<String> problems = CompatibilityChecker.check(compatibilityOf(subject), schema, schemas(live));
        if (!problems.isEmpty()) {
            throw RegistryError.incompatible(subject, problems);
        }
        int id = state.idOf(schema).orElseGet(state::nextId);
        List<SchemaRecord> all = state.versions(subject);
        int version = all.isEmpty() ? 1 : all.get(all.size() - 1).version() + 1;
        SchemaRecord record = new SchemaRecord(subject, version, id, schema.toString(), false);
        log.writeSchema(subject, version, record);
        state.apply(record);
        return id;
    }

    synchronized SchemaRecord lookup(String subject, String schemaText) {
        Schema schema = parseSchema(schemaText);
        List<SchemaRecord> live = requireLiveSubject(subject);
        return live.stream()
                .filter(r -> RegistryState.parse(r.schema()).equals(schema))
                .findFirst()
                .orElseThrow(RegistryError::schemaNotFound);
    }

    synchronized String schemaById(int id) {
        return state.schemaById(id).orElseThrow(RegistryError::schemaNotFound);
    }

    /** Subject/version pairs that use the schema id. */
    synchronized List<SchemaRecord> usesOf(int id) {
        state.schemaById(id).orElseThrow(RegistryError::schemaNotFound);
        List<SchemaRecord> uses = new ArrayList<>();
        for (String subject : state.subjectNames(false)) {
            state.liveVersions(subject).stream().filter(r -> r.id() == id).forEach(uses::add);
        }
        return uses;
    }

    synchronized List<String> subjects(boolean includeDeleted) {
        return state.subjectNames(includeDeleted);
    }

    synchronized List<Integer> versions(String subject, boolean includeDeleted) {
        List<SchemaRecord> records = includeDeleted ? state.versions(subject) : state.liveVersions(subject);
        if (records.isEmpty()) {
            throw RegistryError.subjectNotFound(subject);
        }
        return records.stream().map(SchemaRecord::version).toList();
    }

    synchronized SchemaRecord version(String subject, String versionText, boolean includeDeleted) {
        List<SchemaRecord> records = includeDeleted ? state.versions(subject) : requireLiveSubject(subject);
        if (records.isEmpty()) {
            throw RegistryError.subjectNotFound(subject);
        }
        if (versionText.equals("latest") || versionText.equals("-1")) {
            return records.get(records.size() - 1);
        }
        int version = parseVersion(versionText);
        return records.stream().filter(r -> r.version() == version).findFirst()
                .orElseThrow(() -> RegistryError.versionNotFound(subject, version));
    }

    /**
     * Problems that registering the schema would hit, against one version (or all the level demands when
     * {@code versionText} is null). Empty when compatible. A subject with no versions is compatible with anything.
     */
    synchronized List<String> compatibilityProblems(String subject, String versionText, String schemaText) {
        Schema schema = parseSchema(schemaText);
        List<SchemaRecord> live = state.liveVersions(subject);
        if (live.isEmpty()) {
            return List.of();
        }
        if (versionText == null) {
            return CompatibilityChecker.check(compatibilityOf(subject), schema, schemas(live));
        }
        SchemaRecord against = version(subject, versionText, false);
        String level = compatibilityOf(subject);
        String nonTransitive = level.replace("_TRANSITIVE", "");
        return CompatibilityChecker.check(nonTransitive, schema, List.of(RegistryState.parse(against.schema())));
    }

    synchronized List<Integer> deleteSubject(String subject, boolean permanent) {
        List<SchemaRecord> all = state.versions(subject);
        if (all.isEmpty()) {
            throw RegistryError.subjectNotFound(subject);
        }
        List<SchemaRecord> live = state.liveVersions(subject);
        if (permanent) {
            if (!live.isEmpty()) {
                throw RegistryError.subjectNotSoftDeleted(subject);
            }
            for (SchemaRecord record : all) {
                log.writeSchema(subject, record.version(), null);
                state.remove(subject, record.version());
            }
            return all.stream().map(SchemaRecord::version).toList();
        }
        if (live.isEmpty()) {
            throw RegistryError.subjectSoftDeleted(subject);
        }
        for (SchemaRecord record : live) {
            SchemaRecord deleted = record.markedDeleted();
            log.writeSchema(subject, record.version(), deleted);
            state.apply(deleted);
        }
        return live.stream().map(SchemaRecord::version).toList();
    }

    synchronized int deleteVersion(String subject, String versionText, boolean permanent) {
        SchemaRecord record = version(subject, versionText, permanent);
        if (permanent) {
            if (!record.deleted()) {
                throw RegistryError.subjectNotSoftDeleted(subject);
            }
            log.writeSchema(subject, record.version(), null);
            state.remove(subject, record.version());
        } else {
            SchemaRecord deleted = record.markedDeleted();
            log.writeSchema(subject, record.version(), deleted);
            state.apply(deleted);
        }
        return record.version();
    }

    synchronized String globalCompatibility() {
        return state.globalCompatibility();
    }

    synchronized Optional<String> subjectCompatibility(String subject) {
        return state.subjectCompatibility(subject);
    }

    synchronized String setCompatibility(String subject, String levelText) {
        String level = levelText == null ? "" : levelText.toUpperCase(Locale.ROOT);
        if (!LEVELS.contains(level)) {
            throw RegistryError.invalidCompatibilityLevel(levelText);
        }
        log.writeConfig(subject, level);
        state.applyConfig(subject, level);
        return level;
    }

    synchronized String deleteSubjectCompatibility(String subject) {
        String previous = state.subjectCompatibility(subject)
                .orElseThrow(() -> RegistryError.subjectLevelCompatibilityNotConfigured(subject));
        log.writeConfig(subject, null);
        state.applyConfig(subject, null);
        return previous;
    }

    private String compatibilityOf(String subject) {
        return state.subjectCompatibility(subject).orElse(state.globalCompatibility());
    }

    private List<SchemaRecord> requireLiveSubject(String subject) {
        List<SchemaRecord> live = state.liveVersions(subject);
        if (live.isEmpty()) {
            throw RegistryError.subjectNotFound(subject);
        }
        return live;
    }

    private static List<Schema> schemas(List<SchemaRecord> records) {
        return records.stream().map(r -> RegistryState.parse(r.schema())).toList();
    }

    private static Schema parseSchema(String schemaText) {
        if (schemaText == null || schemaText.isBlank()) {
            throw RegistryError.invalidSchema("empty schema");
        }
        try {
            return RegistryState.parse(schemaText);
        } catch (SchemaParseException | IllegalArgumentException e) {
            throw RegistryError.invalidSchema(e.getMessage());
        }
    }

    private static int parseVersion(String versionText) {
        try {
            int version = Integer.parseInt(versionText);
            if (version < 1) {
                throw RegistryError.invalidVersion(versionText);
            }
            return version;
        } catch (NumberFormatException e) {
            throw RegistryError.invalidVersion(versionText);
        }
    }
}
