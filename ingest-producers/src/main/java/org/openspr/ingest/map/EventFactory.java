package org.openspr.ingest.map;

import java.util.List;
import org.openspr.events.avro.Author;
import org.openspr.events.avro.ChangeKind;
import org.openspr.events.avro.ClinicalEvent;
import org.openspr.events.avro.PatientIdentity;
import org.openspr.events.avro.Provenance;
import org.openspr.events.ids.EventIds;

/** Starts clinical events with the envelope fields every mapper fills the same way. */
public final class EventFactory {
    static {
        AvroBuilderTrust.install();
    }

    private final MessageContext ctx;

    public EventFactory(MessageContext ctx) {
        this.ctx = ctx;
    }

    public MessageContext context() {
        return ctx;
    }

    /**
     * An event builder with ids, patient, source, times and provenance set; the caller adds payload and clinical time.
     *
     * @param itemSourceId the source's stable id of the item (FHIR {@code Type/id}, HL7 filler order + OBX code);
     *                     must be unique within the message, because the event id is derived from it and the message version
     */
    public ClinicalEvent.Builder envelope(PatientIdentity patient, String itemSourceId, String resourceType, String resourceId,
                                          Author author) {
        return ClinicalEvent.newBuilder()
                .setEventId(EventIds.eventId(ctx.sourceSystem(), itemSourceId, ctx.version()))
                .setItemId(EventIds.itemId(ctx.sourceSystem(), itemSourceId))
                .setChange(ChangeKind.RECORDED)
                .setSensitivity(List.of()) // set, not defaulted: a builder default costs a schema hash per event
                .setPatient(patient)
                .setSource(ctx.sourceRef(resourceType, resourceId))
                .setRecordedAt(ctx.recordedAt())
                .setVersionedAt(ctx.versionedAt(null))
                .setProvenance(Provenance.newBuilder().setAuthor(author).setSourceMessageType(ctx.messageType())
                        .setRawMessageId(ctx.messageId()).build());
    }
}
