package org.openspr.ingest;

import org.openspr.events.errors.ErrorCode;

/** Error codes of the ingest adapters (2000-2999), documented in docs/error-codes.md. Never renumber. */
public enum IngestErrorCode implements ErrorCode {
    // 2000-2099: transport and framing
    MESSAGE_TOO_LARGE(2001, "Message of more than %d bytes refused (limit %d bytes)"),
    NOT_UTF8(2002, "Message is not valid %s text at byte %d"),
    FRAME_GARBAGE(2003, "%d bytes outside an MLLP frame (expected <VT> 0x0B before the message)"),
    EMPTY_MESSAGE(2004, "Message is empty"),
    UNSUPPORTED_MEDIA_TYPE(2005, "Content type '%s' is not supported (use application/fhir+json or application/fhir+xml)"),
    FRAME_TRUNCATED(2006, "MLLP frame of %d bytes was cut off: a new <VT> arrived before <FS><CR>"),
    HTTP_REQUEST_REFUSED(2007, "HTTP %d: %s (POST a transaction or batch Bundle to /fhir, or one resource to /fhir/{type})"),
    UNEXPECTED_ERROR(2008, "Unexpected error, the message was not stored: %s"),

    // 2100-2199: FHIR
    FHIR_UNPARSEABLE(2101, "FHIR %s could not be parsed: %s"),
    FHIR_TOO_DEEP(2102, "%s nesting deeper than %d levels refused"),
    FHIR_WRONG_TYPE(2103, "Expected a %s resource but got %s"),
    FHIR_BUNDLE_TYPE(2104, "Bundle type '%s' is not accepted here (send a transaction or batch Bundle)"),
    FHIR_NO_PATIENT(2105, "%s has no patient: %s is missing or does not identify a patient"),
    FHIR_TRANSACTION_FAILED(2106, "Transaction rolled back: entry %d (%s) was rejected"),
    FHIR_NHS_NUMBER(2107, "%s: %s"),
    FHIR_NO_ITEM(2108, "%s lacks %s, which the record needs"),
    MAPPING_FAILED(2109, "%s could not be mapped: %s"),

    // 2200-2299: HL7 v2
    HL7_UNPARSEABLE(2201, "HL7 v2 message could not be parsed: %s"),
    HL7_UNSUPPORTED_TYPE(2202, "HL7 v2 message type %s is not supported"),
    HL7_NO_PATIENT(2203, "%s: no patient identifier in PID-3 (or PID-2)"),
    HL7_NHS_NUMBER(2204, "%s: %s"),
    HL7_MISSING_SEGMENT(2205, "%s message has no %s segment"),
    HL7_BAD_VALUE(2206, "%s: %s"),

    // 2300-2399: publishing
    PUBLISH_FAILED(2301, "Could not write message %s to Kafka: %s"),
    PUBLISH_TIMEOUT(2302, "Kafka did not confirm message %s within %d ms"),
    PUBLISHER_CLOSED(2303, "Ingest is shutting down; re-send message %s later"),

    // 2400-2499: bulk import
    BULK_UNREADABLE(2401, "Cannot read %s: %s"),
    BULK_UNKNOWN_FILE(2402, "%s is not a FHIR JSON/NDJSON or HL7 file (by its extension)"),
    BULK_CHECKPOINT(2403, "Cannot write checkpoint file %s: %s");

    private final int number;
    private final String template;

    IngestErrorCode(int number, String template) {
        this.number = number;
        this.template = template;
    }

    @Override
    public int number() {
        return number;
    }

    @Override
    public String template() {
        return template;
    }
}
