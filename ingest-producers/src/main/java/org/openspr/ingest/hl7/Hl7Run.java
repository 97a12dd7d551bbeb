package org.openspr.ingest.hl7;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.openspr.events.avro.Author;
import org.openspr.events.avro.ClinicalEvent;
import org.openspr.events.avro.LocalIdentifier;
import org.openspr.events.avro.PatientIdentity;
import org.openspr.ingest.map.EventFactory;
import org.openspr.ingest.map.IdentityEvents;
import org.openspr.ingest.map.ItemOutcome;
import org.openspr.ingest.map.MappedMessage;
import org.openspr.ingest.map.MessageContext;
import org.openspr.ingest.map.PatientKeys;

/**
 * State of mapping one HL7 message: its segments, the patient, the events so far, and which segment went into
 * which event, so that every segment can be accounted for at the end.
 */
final class Hl7Run {
    final MessageContext ctx;
    final MappedMessage out;
    final List<Hl7Segment> segments;
    final String trigger;
    private final EventFactory events;
    private final Map<Hl7Segment, List<String>> used = new LinkedHashMap<>();
    private final Map<Hl7Segment, String> skipped = new LinkedHashMap<>();
    private final Set<String> itemIdsSeen = new HashSet<>();
    private PatientIdentity patient;
    private Hl7Segment patientSegment;
    private boolean assignedNhs;

    Hl7Run(MessageContext ctx, List<Hl7Segment> segments, String trigger) {
        this.ctx = ctx;
        this.out = new MappedMessage(ctx);
        this.segments = segments;
        this.trigger = trigger;
        this.events = new EventFactory(ctx);
    }

    void patient(PatientIdentity identity, Hl7Segment from, boolean assigned) {
        this.patient = identity;
        this.patientSegment = from;
        this.assignedNhs = assigned;
    }

    PatientIdentity patient() {
        return patient;
    }

    String routingKey() {
        return PatientKeys.routingKey(patient);
    }

    Hl7Segment first(String name) {
        return segments.stream().filter(s -> s.name().equals(name)).findFirst().orElse(null);
    }

    /** Item source ids unique within the message: a repeated key (same test code twice in one order) gets #2, #3. */
    String unique(String itemSourceId) {
        String candidate = itemSourceId;
        for (int n = 2; !itemIdsSeen.add(candidate); n++) {
            candidate = itemSourceId + "#" + n;
        }
        return candidate;
    }

    ClinicalEvent.Builder envelope(String itemSourceId, String resourceType, Author author) {
        return events.envelope(patient, itemSourceId, resourceType, null, author);
    }

    /** Adds a finished event and records which segments it was made from. */
    void add(ClinicalEvent event, Hl7Segment... from) {
        out.addEvent(event);
        for (Hl7Segment s : from) {
            if (s != null) {
                used.computeIfAbsent(s, k -> new ArrayList<>()).add(event.getEventId());
            }
        }
    }

    void usedForIdentity(Hl7Segment s, String eventId) {
        used.computeIfAbsent(s, k -> new ArrayList<>()).add(eventId);
    }

    void skip(Hl7Segment s, String reason) {
        skipped.putIfAbsent(s, reason);
    }

    /** Outcomes for every segment, and NHS number links for the message's patient. */
    MappedMessage finish() {
        if (patient != null && patient.getNhsNumber() != null && !out.clinicalEvents().isEmpty()) {
            String basis = assignedNhs ? IdentityEvents.TEST_DATA_ASSIGNED : IdentityEvents.SOURCE_ASSERTED;
            for (LocalIdentifier id : patient.getLocalIdentifiers()) {
                out.addIdentity(IdentityEvents.linked(ctx, patient.getNhsNumber(), id, basis));
            }
        }
        if (patientSegment != null && !out.clinicalEvents().isEmpty()) {
            used.computeIfAbsent(patientSegment, k -> new ArrayList<>())
                    .addAll(out.clinicalEvents().stream().map(ClinicalEvent::getEventId).toList());
        }
        for (Hl7Segment s : segments) {
            List<String> eventIds = used.get(s);
            if (eventIds != null) {
                out.addOutcome(ItemOutcome.recorded(s.location(), s.name(), eventIds));
            } else {
                out.addOutcome(ItemOutcome.notRecorded(s.location(), s.name(), skipped.getOrDefault(s, defaultReason(s.name()))));
            }
        }
        return out;
    }

    private static String defaultReason(String name) {
        return switch (name) {
            case "MSH", "EVN", "SFT" -> name + " is the message envelope: sender, time and id travel on every event's source";
            case "ORC", "RXO", "TQ1", "TQ2", "SPM", "CON", "PRT" -> name + " carries order/workflow context the record does not hold";
            case "NK1", "GT1", "IN1", "IN2", "IN3", "ROL", "PV2", "PD1", "OBR", "ZPI" ->
                    name + " carries no record content at this position (kept on the raw topic)";
            default -> name + " segment is not mapped (kept on the raw topic)";
        };
    }
}
