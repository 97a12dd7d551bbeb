package org.openspr.query;

import org.openspr.events.errors.ErrorCode;

/** Error codes of the query service (4000-4999), documented in docs/error-codes.md. Never renumber. */
public enum QueryErrorCode implements ErrorCode {
    // 4000-4029: authentication
    TOKEN_MISSING(4001, "No bearer token: send 'Authorization: Bearer <JWT>'"),
    TOKEN_INVALID(4002, "Bearer token rejected: %s"),
    TOKEN_NO_ROLE(4003, "Token for %s carries neither a role code nor a patient NHS number"),
    JWKS_UNAVAILABLE(4004, "Issuer keys could not be loaded from %s: %s"),
    DEV_ISSUER_KEY(4005, "Dev issuer key at %s could not be read or written: %s"),

    // 4030-4059: authorization
    ROLE_NOT_CONFIGURED(4030, "Role %s has no access profile: access to patient records is denied"),
    PATIENT_NOT_SELF(4031, "A patient may read only their own record"),
    NO_RELATIONSHIP(4032, "Organisation %s has no legitimate relationship with this patient; send a break-glass reason (header X-Break-Glass-Reason) to proceed"),
    BREAK_GLASS_NOT_ALLOWED(4033, "Role %s may not break glass"),
    BREAK_GLASS_REASON_TOO_SHORT(4034, "Break-glass reason must have at least %d characters"),
    ROLE_NOT_CLINICAL(4035, "Role %s may not read patient records"),
    NOT_AUDITOR(4036, "Role %s may not read audit records"),
    NOT_A_PATIENT(4037, "This endpoint is for patients: the token has no patient NHS number"),

    // 4040-4049: not found / bad request
    PATIENT_NOT_FOUND(4040, "No record for NHS number %s"),
    BAD_PARAMETER(4041, "Parameter %s is invalid: %s"),
    BAD_NHS_NUMBER(4042, "%s"),

    // 4100-4199: availability (503)
    STORE_NOT_READY(4101, "The record store is not ready (%s); retry shortly"),
    AUDIT_UNAVAILABLE(4102, "The audit trail could not be written (%s): no data is released without it"),
    OWNER_UNREACHABLE(4103, "The instance owning this patient (%s) did not answer: %s"),
    ACCESS_LOG_UNAVAILABLE(4104, "The access log is not available on this instance: %s"),

    // 4900-4999: internal
    INTERNAL(4900, "Internal error (request %s)");

    private final int number;
    private final String template;

    QueryErrorCode(int number, String template) {
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
