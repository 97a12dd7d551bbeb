package org.openspr.ingest.map;

import org.openspr.events.errors.ErrorCode;
import org.openspr.events.errors.SprException;

/** A rejection of (part of) an inbound message, saying where in the message the problem is. */
public class IngestRejection extends SprException {
    private final String location;

    public IngestRejection(String location, ErrorCode code, Object... args) {
        super(code, args);
        this.location = location;
    }

    /** Keeps the code and text of a rule that failed elsewhere (e.g. the NHS number check, SPR-1203). */
    public IngestRejection(String location, SprException cause) {
        super(cause, new Verbatim(cause.errorCode(), cause.getMessage()));
        this.location = location;
    }

    /** FHIRPath (Bundle.entry[2].resource.subject) or HL7 location (PID-3(2)); may be null. */
    public String location() {
        return location;
    }

    /** Re-uses another exception's code and already formatted message. */
    private record Verbatim(ErrorCode original, String message) implements ErrorCode {
        @Override
        public int number() {
            return original.number();
        }

        @Override
        public String template() {
            return "%s";
        }

        @Override
        public String format(Object... args) {
            return message;
        }
    }
}
