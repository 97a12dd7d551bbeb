package org.openspr.query.api;

/** The body of every error answer: the stable code and the message that starts with it. */
public record ErrorResponse(String code, String message) {

    public static ErrorResponse of(String message) {
        String code = message != null && message.startsWith("SPR-") && message.indexOf(':') > 0
                ? message.substring(0, message.indexOf(':')) : "SPR-4900";
        return new ErrorResponse(code, message);
    }
}
