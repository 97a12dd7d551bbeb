package org.openspr.ingest.map;

import org.openspr.events.avro.IdentityEvent;
import org.openspr.events.avro.LocalIdentifier;
import org.openspr.events.avro.LocalIdentifiersMerged;
import org.openspr.events.avro.NhsNumberLinked;
import org.openspr.events.avro.PatientsMerged;
import org.openspr.events.avro.SourceRef;
import org.openspr.events.ids.EventIds;

/** Builds identity events with deterministic ids, so a re-sent message repeats them with the same ids. */
public final class IdentityEvents {
    /** The source system asserted the link by sending both identifiers for one patient. */
    public static final String SOURCE_ASSERTED = "SOURCE_ASSERTED";
    /** The bulk importer gave a patient without one a deterministic NHS test number. */
    public static final String TEST_DATA_ASSIGNED = "TEST_DATA_ASSIGNED";

    private IdentityEvents() {
    }

    public static IdentityEvent linked(MessageContext ctx, String nhsNumber, LocalIdentifier id, String basis) {
        NhsNumberLinked link = NhsNumberLinked.newBuilder().setNhsNumber(nhsNumber).setLocalIdentifier(id).setBasis(basis).build();
        String eventId = EventIds.eventId(ctx.sourceSystem(), "link|" + PatientKeys.key(id), nhsNumber);
        return event(ctx, eventId, ctx.sourceRef("Patient", null), link);
    }

    public static IdentityEvent merged(MessageContext ctx, String supersededNhs, String survivingNhs) {
        PatientsMerged merge = PatientsMerged.newBuilder().setSupersededNhsNumber(supersededNhs).setSurvivingNhsNumber(survivingNhs).build();
        String eventId = EventIds.eventId(ctx.sourceSystem(), ctx.messageId() + "|merge|" + supersededNhs, ctx.version());
        return event(ctx, eventId, ctx.sourceRef("Patient", null), merge);
    }

    public static IdentityEvent localMerged(MessageContext ctx, LocalIdentifier superseded, LocalIdentifier surviving) {
        LocalIdentifiersMerged merge = LocalIdentifiersMerged.newBuilder().setSuperseded(superseded).setSurviving(surviving).build();
        String eventId = EventIds.eventId(ctx.sourceSystem(), ctx.messageId() + "|merge|" + PatientKeys.key(superseded), ctx.version());
        return event(ctx, eventId, ctx.sourceRef("Patient", null), merge);
    }

    /** The key an identity event is published under: the NHS number it links, or the surviving side of a merge. */
    public static String key(IdentityEvent event) {
        Object change = event.getChange();
        if (change instanceof NhsNumberLinked link) {
            return link.getNhsNumber();
        }
        if (change instanceof PatientsMerged merge) {
            return merge.getSurvivingNhsNumber();
        }
        if (change instanceof LocalIdentifiersMerged merge) {
            return PatientKeys.key(merge.getSurviving());
        }
        throw new IllegalArgumentException("unexpected identity change " + change.getClass().getSimpleName());
    }

    private static IdentityEvent event(MessageContext ctx, String eventId, SourceRef source, Object change) {
        return IdentityEvent.newBuilder().setEventId(eventId).setSource(source).setOccurredAt(ctx.sentAt())
                .setRecordedAt(ctx.recordedAt()).setChange(change).build();
    }
}
