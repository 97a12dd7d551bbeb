package org.openspr.events.errors;

/** An error with a stable {@link ErrorCode}; its message always starts with the code. */
public class SprException extends RuntimeException {
    private final ErrorCode errorCode;

    public SprException(ErrorCode errorCode, Object... args) {
        super(errorCode.format(args));
        this.errorCode = errorCode;
    }

    public SprException(Throwable cause, ErrorCode errorCode, Object... args) {
        super(errorCode.format(args), cause);
        this.errorCode = errorCode;
    }

    public ErrorCode errorCode() {
        return errorCode;
    }
}
