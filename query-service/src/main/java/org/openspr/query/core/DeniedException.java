package org.openspr.query.core;

/** A request refused by the policy (403) or for a patient with no record (404); the message carries the SPR code. */
public final class DeniedException extends RuntimeException {
    private final int status;

    public DeniedException(AccessDecision decision) {
        super(decision.reason(), null, false, false);
        this.status = decision.httpStatus();
    }

    public int status() {
        return status;
    }
}
