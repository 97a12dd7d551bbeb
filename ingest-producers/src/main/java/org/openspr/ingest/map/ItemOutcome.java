package org.openspr.ingest.map;

import java.util.List;

/**
 * What became of one item of an inbound message (a FHIR resource or an HL7 segment): recorded as events,
 * deliberately not recorded (with the reason), or rejected (with code and reason).
 *
 * @param location where the item is: {@code Bundle.entry[3]} or {@code OBX[2]}
 * @param itemType FHIR resource type or HL7 segment name
 */
public record ItemOutcome(String location, String itemType, Status status, String code, String text, List<String> eventIds) {

    /** The three fates an item can have; every item gets exactly one. */
    public enum Status { RECORDED, NOT_RECORDED, REJECTED }

    public static ItemOutcome recorded(String location, String itemType, List<String> eventIds) {
        return new ItemOutcome(location, itemType, Status.RECORDED, null, null, List.copyOf(eventIds));
    }

    public static ItemOutcome notRecorded(String location, String itemType, String reason) {
        return new ItemOutcome(location, itemType, Status.NOT_RECORDED, null, reason, List.of());
    }

    public static ItemOutcome rejected(String location, String itemType, IngestRejection rejection) {
        String where = rejection.location() != null ? rejection.location() : location;
        return new ItemOutcome(where, itemType, Status.REJECTED, rejection.errorCode().code(), rejection.getMessage(), List.of());
    }
}
