package org.openspr.events.errors;

/** An error with a stable {@link SprErrorCode}; its message always starts with the code. */
public class SprException extends RuntimeException {
    private final SprErrorCode errorCode;

    public SprException(SprErrorCode errorCode, Object... args) {
        super(errorCode.format(args));
        this.errorCode = errorCode;
    }

    public SprException(Throwable cause, SprErrorCode errorCode, Object... args) {
        super(errorCode.format(args), cause);
        this.errorCode = errorCode;
    }

    public SprErrorCode errorCode() {
        return errorCode;
    }
}
