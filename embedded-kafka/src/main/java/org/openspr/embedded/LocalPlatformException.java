package org.openspr.embedded;

/**
 * The local platform (broker or registry) could not start or stop. Codes SPR-1301..1399, listed with all other
 * codes in docs/error-codes.md.
 */
public class LocalPlatformException extends RuntimeException {
    public static final String BROKER_START_FAILED = "SPR-1301";
    public static final String PORT_IN_USE = "SPR-1302";
    public static final String REGISTRY_START_FAILED = "SPR-1303";
    public static final String DATA_DIR_UNUSABLE = "SPR-1304";

    public LocalPlatformException(String code, String message, Throwable cause) {
        super(code + ": " + message, cause);
    }

    public LocalPlatformException(String code, String message) {
        super(code + ": " + message);
    }
}
