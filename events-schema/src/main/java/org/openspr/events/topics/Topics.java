package org.openspr.events.topics;

import java.util.List;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.openspr.events.avro.AuditAlertRaised;
import org.openspr.events.avro.ClinicalEvent;
import org.openspr.events.avro.IdentityEvent;
import org.openspr.events.avro.LedgerCheckpoint;
import org.openspr.events.avro.LedgerEntry;
import org.openspr.events.avro.RecordAccessed;
import org.openspr.events.avro.RecordItem;
import org.openspr.events.registry.SchemaRegistryClient;
import org.openspr.events.serde.SpecificAvroSerde;

/**
 * The catalogue of topics: one immutable instance per process, built from the registry client. Topic names
 * are declared here and nowhere else.
 */
public final class Topics {
    private static final long FOREVER = -1L;
    private static final int PARTITIONS = 6;

    /** Original inbound messages exactly as received (HL7 v2, FHIR JSON/XML), keyed by inbound message id. */
    public static final TopicDefinition INBOUND_RAW = new TopicDefinition("spr.inbound.raw", PARTITIONS, false, FOREVER,
            "original inbound messages as received, so mappings can be re-run");
    /** Inbound messages that were rejected, with headers saying source, reason code and error text. */
    public static final TopicDefinition INBOUND_DEAD_LETTERS = new TopicDefinition(INBOUND_RAW.deadLetterName(), PARTITIONS, false,
            FOREVER, "rejected inbound messages with their reasons");
    /** Canonical clinical events, keyed by the patient routing key (NHS number, or system|value of a local id). */
    public static final TopicDefinition CLINICAL_EVENTS = new TopicDefinition("spr.clinical.events", PARTITIONS, false, FOREVER,
            "canonical clinical events: the source of truth for record views");
    /** Identity changes (links, merges, unmerges), keyed by the NHS number or local id they concern. */
    public static final TopicDefinition IDENTITY_EVENTS = new TopicDefinition("spr.identity.events", PARTITIONS, false, FOREVER,
            "identity links, merges and unmerges");
    /** Clinical events the record projector could not read or apply, with headers saying where from and why. */
    public static final TopicDefinition CLINICAL_EVENTS_DEAD_LETTERS = new TopicDefinition(CLINICAL_EVENTS.deadLetterName(), PARTITIONS,
            false, FOREVER, "clinical events the record projector could not apply, with their reasons");
    /** Identity events the record projector could not read or apply, with headers saying where from and why. */
    public static final TopicDefinition IDENTITY_EVENTS_DEAD_LETTERS = new TopicDefinition(IDENTITY_EVENTS.deadLetterName(), PARTITIONS,
            false, FOREVER, "identity events the record projector could not apply, with their reasons");
    /** Patient merges in force, keyed by the superseded NHS number, value the surviving one; an unmerge is a tombstone. */
    public static final TopicDefinition PATIENT_MERGES = new TopicDefinition("spr.projector.patient-merges", PARTITIONS, true, FOREVER,
            "merges in force (superseded NHS number -> surviving), read by every projector instance");
    /** Every change to a record item, keyed nhsNumber/SECTION/itemId; compacted to the latest state of each item. */
    public static final TopicDefinition RECORD_VIEW_CHANGES = new TopicDefinition("spr.record.view.changes", PARTITIONS, true, FOREVER,
            "record view changes for downstream consumers: latest state of every record item");
    /** Audit events, one per access decision, keyed by patient NHS number (or the user id when no patient). */
    public static final TopicDefinition AUDIT_EVENTS = new TopicDefinition("spr.audit.events", PARTITIONS, false, FOREVER,
            "every access decision, written before data leaves");
    /** Audit events the audit stream could not decode, with Kafka Streams' dead-letter headers (exception, topic, partition, offset). */
    public static final TopicDefinition AUDIT_EVENTS_DEAD_LETTERS = new TopicDefinition(AUDIT_EVENTS.deadLetterName(), PARTITIONS,
            false, FOREVER, "audit events the audit stream could not decode");
    /**
     * The tamper-evident audit ledger: partition p holds the hash-chained entries of spr.audit.events partition p,
     * so it must have the same number of partitions.
     */
    public static final TopicDefinition AUDIT_LEDGER = new TopicDefinition("spr.audit.ledger", AUDIT_EVENTS.partitions(), false,
            FOREVER, "hash-chained audit ledger entries, one chain per partition");
    /** Signed Merkle tree heads of the ledger; partition p holds the checkpoints of ledger partition p. */
    public static final TopicDefinition AUDIT_CHECKPOINTS = new TopicDefinition("spr.audit.checkpoints", AUDIT_EVENTS.partitions(),
            false, FOREVER, "signed Merkle tree heads of the audit ledger");
    /** Per-patient access log keyed patient|occurredAt|auditId, so a patient's accesses are one key range. */
    public static final TopicDefinition AUDIT_ACCESS_LOG = new TopicDefinition("spr.audit.access-log", PARTITIONS, true, FOREVER,
            "per-patient access log (what GET /v1/me/access-log shows)");
    /** Audit events re-keyed by user id, feeding the per-user projection and the per-user alert rules. */
    public static final TopicDefinition AUDIT_EVENTS_BY_USER = new TopicDefinition("spr.audit.events.by-user", PARTITIONS, false,
            7L * 24 * 60 * 60 * 1000, "audit events re-keyed by user (internal to the audit stream)");
    /** Alerts for privacy officers (break-glass, unusual volume, sensitive access, repeated denials), keyed by user id. */
    public static final TopicDefinition AUDIT_ALERTS = new TopicDefinition("spr.audit.alerts", PARTITIONS, false, FOREVER,
            "audit alerts for privacy officers");

    /**
     * Which Streams application id serves each projection (key: projection name, value: application id). Written by
     * {@code spr rebuild} when it switches readers to a rebuilt view; followed by every instance that serves reads.
     */
    public static final TopicDefinition PROJECTION_CONTROL = new TopicDefinition("spr.control.projections", 1, true, FOREVER,
            "which application id serves each projection (switched by spr rebuild)");

    private final Topic<String, byte[]> inboundRaw;
    private final Topic<String, byte[]> inboundDeadLetters;
    private final Topic<String, ClinicalEvent> clinicalEvents;
    private final Topic<String, IdentityEvent> identityEvents;
    private final Topic<String, RecordAccessed> auditEvents;
    private final Topic<String, String> patientMerges;
    private final Topic<String, RecordItem> recordViewChanges;
    private final Topic<String, byte[]> auditEventsDeadLetters;
    private final Topic<String, LedgerEntry> auditLedger;
    private final Topic<String, LedgerCheckpoint> auditCheckpoints;
    private final Topic<String, RecordAccessed> auditAccessLog;
    private final Topic<String, RecordAccessed> auditEventsByUser;
    private final Topic<String, AuditAlertRaised> auditAlerts;
    private final Topic<String, String> projectionControl;

    private Topics(SchemaRegistryClient registry) {
        Serde<String> strings = Serdes.String();
        this.inboundRaw = new Topic<>(INBOUND_RAW, strings, Serdes.ByteArray());
        this.inboundDeadLetters = new Topic<>(INBOUND_DEAD_LETTERS, strings, Serdes.ByteArray());
        this.clinicalEvents = new Topic<>(CLINICAL_EVENTS, strings, SpecificAvroSerde.forValues(ClinicalEvent.class, registry));
        this.identityEvents = new Topic<>(IDENTITY_EVENTS, strings, SpecificAvroSerde.forValues(IdentityEvent.class, registry));
        this.auditEvents = new Topic<>(AUDIT_EVENTS, strings, SpecificAvroSerde.forValues(RecordAccessed.class, registry));
        this.patientMerges = new Topic<>(PATIENT_MERGES, strings, strings);
        this.recordViewChanges = new Topic<>(RECORD_VIEW_CHANGES, strings, SpecificAvroSerde.forValues(RecordItem.class, registry));
        this.auditEventsDeadLetters = new Topic<>(AUDIT_EVENTS_DEAD_LETTERS, strings, Serdes.ByteArray());
        this.auditLedger = new Topic<>(AUDIT_LEDGER, strings, SpecificAvroSerde.forValues(LedgerEntry.class, registry));
        this.auditCheckpoints = new Topic<>(AUDIT_CHECKPOINTS, strings, SpecificAvroSerde.forValues(LedgerCheckpoint.class, registry));
        this.auditAccessLog = new Topic<>(AUDIT_ACCESS_LOG, strings, SpecificAvroSerde.forValues(RecordAccessed.class, registry));
        this.auditEventsByUser = new Topic<>(AUDIT_EVENTS_BY_USER, strings, SpecificAvroSerde.forValues(RecordAccessed.class, registry));
        this.auditAlerts = new Topic<>(AUDIT_ALERTS, strings, SpecificAvroSerde.forValues(AuditAlertRaised.class, registry));
        this.projectionControl = new Topic<>(PROJECTION_CONTROL, strings, strings);
    }

    /** The catalogue with Avro serdes that use this registry. */
    public static Topics create(SchemaRegistryClient registry) {
        return new Topics(registry);
    }

    /** Every topic the platform creates, in the order {@code spr status} lists them. */
    public static List<TopicDefinition> definitions() {
        return List.of(INBOUND_RAW, INBOUND_DEAD_LETTERS, CLINICAL_EVENTS, IDENTITY_EVENTS, AUDIT_EVENTS,
                CLINICAL_EVENTS_DEAD_LETTERS, IDENTITY_EVENTS_DEAD_LETTERS, PATIENT_MERGES, RECORD_VIEW_CHANGES,
                AUDIT_EVENTS_DEAD_LETTERS, AUDIT_LEDGER, AUDIT_CHECKPOINTS, AUDIT_ACCESS_LOG, AUDIT_EVENTS_BY_USER, AUDIT_ALERTS,
                PROJECTION_CONTROL);
    }

    public Topic<String, byte[]> inboundRaw() {
        return inboundRaw;
    }

    public Topic<String, byte[]> inboundDeadLetters() {
        return inboundDeadLetters;
    }

    public Topic<String, ClinicalEvent> clinicalEvents() {
        return clinicalEvents;
    }

    public Topic<String, IdentityEvent> identityEvents() {
        return identityEvents;
    }

    public Topic<String, RecordAccessed> auditEvents() {
        return auditEvents;
    }

    public Topic<String, String> patientMerges() {
        return patientMerges;
    }

    public Topic<String, RecordItem> recordViewChanges() {
        return recordViewChanges;
    }

    public Topic<String, byte[]> auditEventsDeadLetters() {
        return auditEventsDeadLetters;
    }

    public Topic<String, LedgerEntry> auditLedger() {
        return auditLedger;
    }

    public Topic<String, LedgerCheckpoint> auditCheckpoints() {
        return auditCheckpoints;
    }

    public Topic<String, RecordAccessed> auditAccessLog() {
        return auditAccessLog;
    }

    public Topic<String, RecordAccessed> auditEventsByUser() {
        return auditEventsByUser;
    }

    public Topic<String, AuditAlertRaised> auditAlerts() {
        return auditAlerts;
    }

    public Topic<String, String> projectionControl() {
        return projectionControl;
    }
}
