package org.openspr.ingest.map;

import java.time.Instant;
import org.openspr.events.avro.SourceRef;

/**
 * Facts about one inbound message that every event mapped from it shares.
 *
 * @param sourceSystem sending system (HL7 MSH-3@MSH-4, FHIR meta.source or the configured source)
 * @param odsCode      ODS code of the sending organisation (or the configured default)
 * @param messageType  e.g. {@code ADT^A01} or {@code FHIR Bundle/transaction}
 * @param messageId    HL7 MSH-10, Bundle id, or a hash of the content when the sender gave none
 * @param version      what makes this message's event ids unique: MSH-7 or a hash of the content
 * @param recordedAt   when this platform accepted the message
 * @param sentAt       when the source says it made the message (MSH-7 / Bundle.timestamp), or null
 */
public record MessageContext(String sourceSystem, String odsCode, String messageType, String messageId, String version,
                             Instant recordedAt, Instant sentAt) {

    public SourceRef sourceRef(String resourceType, String resourceId) {
        return SourceRef.newBuilder().setOdsCode(odsCode).setSystem(sourceSystem).setMessageType(messageType)
                .setMessageId(messageId).setResourceType(resourceType).setResourceId(resourceId).build();
    }

    /** versionedAt for an item without its own version time: the message time, else the receive time. */
    public Instant versionedAt(Instant itemVersionedAt) {
        if (itemVersionedAt != null) {
            return itemVersionedAt;
        }
        return sentAt != null ? sentAt : recordedAt;
    }
}
