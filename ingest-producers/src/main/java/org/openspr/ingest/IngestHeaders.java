package org.openspr.ingest;

/** Kafka header names on the raw and dead-letter topics: the one place they are spelled. */
public final class IngestHeaders {
    /** Sending system (HL7 MSH-3@MSH-4, FHIR meta.source or the configured HTTP source). */
    public static final String SOURCE = "spr.source";
    /** Stable error code of a rejection, e.g. {@code SPR-1203}. */
    public static final String REASON_CODE = "spr.reason.code";
    /** Readable reason of a rejection, the same text the sender got. */
    public static final String REASON_TEXT = "spr.reason.text";
    /** Where in the message the problem is (FHIRPath or HL7 segment-field), when known. */
    public static final String REASON_LOCATION = "spr.reason.location";
    /** Channel the message came in on: mllp, http or bulk. */
    public static final String CHANNEL = "spr.channel";
    /** MIME type of the raw bytes (x-application/hl7-v2+er7, application/fhir+json, ...). */
    public static final String CONTENT_TYPE = "spr.content.type";
    /** Inbound message id (HL7 MSH-10, FHIR Bundle id or a generated id). */
    public static final String MESSAGE_ID = "spr.message.id";
    /** Receive time, ISO-8601 UTC. */
    public static final String RECEIVED_AT = "spr.received.at";

    private IngestHeaders() {
    }
}
