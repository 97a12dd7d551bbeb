package org.openspr.query;

import org.openspr.events.errors.SprException;

/** A query-service error that maps to one HTTP status; the message starts with its SPR code. */
public class QueryException extends SprException {
    private final int status;

    public QueryException(int status, QueryErrorCode code, Object... args) {
        super(code, args);
        this.status = status;
    }

    public QueryException(Throwable cause, int status, QueryErrorCode code, Object... args) {
        super(cause, code, args);
        this.status = status;
    }

    public int status() {
        return status;
    }

    /** Seconds a client should wait before retrying, or 0 when retrying is pointless. */
    public int retryAfterSeconds() {
        return status == 503 ? 1 : 0;
    }
}
