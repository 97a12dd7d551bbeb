package org.openspr.ingest.publish;

import java.time.Instant;

/**
 * One message as it arrived, before any parsing.
 *
 * @param channel     {@code mllp}, {@code http} or {@code bulk}
 * @param contentType MIME type of the bytes
 * @param body        the bytes exactly as received: what the raw and dead-letter topics keep
 */
public record InboundMessage(String channel, String contentType, byte[] body, Instant receivedAt) {
    public static final String HL7_V2 = "x-application/hl7-v2+er7";
    public static final String FHIR_JSON = "application/fhir+json";
    public static final String FHIR_XML = "application/fhir+xml";
}
