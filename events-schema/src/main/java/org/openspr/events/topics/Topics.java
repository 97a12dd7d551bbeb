package org.openspr.events.topics;

import java.util.List;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.openspr.events.avro.ClinicalEvent;
import org.openspr.events.avro.IdentityEvent;
import org.openspr.events.avro.RecordAccessed;
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
    /** Audit events, one per access decision, keyed by patient NHS number (or the user id when no patient). */
    public static final TopicDefinition AUDIT_EVENTS = new TopicDefinition("spr.audit.events", PARTITIONS, false, FOREVER,
            "every access decision, written before data leaves");

    private final Topic<String, byte[]> inboundRaw;
    private final Topic<String, byte[]> inboundDeadLetters;
    private final Topic<String, ClinicalEvent> clinicalEvents;
    private final Topic<String, IdentityEvent> identityEvents;
    private final Topic<String, RecordAccessed> auditEvents;

    private Topics(SchemaRegistryClient registry) {
        Serde<String> strings = Serdes.String();
        this.inboundRaw = new Topic<>(INBOUND_RAW, strings, Serdes.ByteArray());
        this.inboundDeadLetters = new Topic<>(INBOUND_DEAD_LETTERS, strings, Serdes.ByteArray());
        this.clinicalEvents = new Topic<>(CLINICAL_EVENTS, strings, SpecificAvroSerde.forValues(ClinicalEvent.class, registry));
        this.identityEvents = new Topic<>(IDENTITY_EVENTS, strings, SpecificAvroSerde.forValues(IdentityEvent.class, registry));
        this.auditEvents = new Topic<>(AUDIT_EVENTS, strings, SpecificAvroSerde.forValues(RecordAccessed.class, registry));
    }

    /** The catalogue with Avro serdes that use this registry. */
    public static Topics create(SchemaRegistryClient registry) {
        return new Topics(registry);
    }

    /** Every topic the platform creates, in the order {@code spr status} lists them. */
    public static List<TopicDefinition> definitions() {
        return List.of(INBOUND_RAW, INBOUND_DEAD_LETTERS, CLINICAL_EVENTS, IDENTITY_EVENTS, AUDIT_EVENTS);
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
}
