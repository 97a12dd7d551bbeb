package org.openspr.events.errors;

/**
 * A stable, documented error code. Each module keeps its codes in its own enum and range (listed in
 * docs/error-codes.md): 1xxx events-schema and local platform, 2xxx ingest, 3xxx projector, 4xxx query service,
 * 5xxx audit stream, 6xxx CLI.
 */
public interface ErrorCode {
    /** The number, e.g. 1203. */
    int number();

    /** The message template, filled with {@link String#format}. */
    String template();

    /** The code as users see it, e.g. {@code SPR-1203}. */
    default String code() {
        return "SPR-" + number();
    }

    /** Code, colon, filled template: {@code SPR-1203: NHS number 9434765918 fails the Modulus 11 check ...}. */
    default String format(Object... args) {
        return code() + ": " + String.format(template(), args);
    }
}
