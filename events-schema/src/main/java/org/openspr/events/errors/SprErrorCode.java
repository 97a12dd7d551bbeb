package org.openspr.events.errors;

/** Error codes of the event model, wire format, registry client and identity rules (1000-1299). Never renumber. */
public enum SprErrorCode implements ErrorCode {
    // 1000-1099: event model and wire format
    WIRE_FORMAT_TOO_SHORT(1001, "Record of %d bytes is too short for the Confluent wire format (needs at least 5)"),
    WIRE_FORMAT_BAD_MAGIC(1002, "Record starts with magic byte %d, expected 0: not Confluent wire format"),
    WIRE_FORMAT_UNKNOWN_SCHEMA(1003, "Schema id %d is not known to the schema registry at %s"),
    WIRE_FORMAT_UNDECODABLE(1004, "Record with schema id %d could not be decoded as %s: %s"),
    WIRE_FORMAT_UNENCODABLE(1005, "Record of type %s could not be encoded: %s"),

    // 1100-1199: schema registry
    REGISTRY_UNREACHABLE(1101, "Schema registry at %s did not answer: %s"),
    REGISTRY_ERROR(1102, "Schema registry at %s answered HTTP %d (error code %d): %s"),
    REGISTRY_INCOMPATIBLE(1103, "Schema for subject %s is incompatible with an earlier version: %s"),

    // 1200-1299: patient identity
    NHS_NUMBER_FORMAT(1201, "NHS number '%s' is not 10 digits"),
    NHS_NUMBER_CHECK_DIGIT(1203, "NHS number %s fails the Modulus 11 check (check digit should be %s, is %s)"),
    NHS_NUMBER_CHECK_DIGIT_TEN(1204, "NHS number %s is invalid: its Modulus 11 check digit would be 10");

    // 1300-1399 are raised by embedded-kafka (LocalPlatformException), which cannot depend on this module.

    private final int number;
    private final String template;

    SprErrorCode(int number, String template) {
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
