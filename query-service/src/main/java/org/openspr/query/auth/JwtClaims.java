package org.openspr.query.auth;

/** Claim names the service reads from a token (besides the registered iss, aud, sub, exp, nbf). */
public final class JwtClaims {
    /** National RBAC role code the user acts in, e.g. R8000. */
    public static final String ROLE = "role";
    /** ODS code of the organisation the user acts for. */
    public static final String ODS = "ods";
    /** A patient's NHS number (as NHS login puts it); present only in patient tokens. */
    public static final String NHS_NUMBER = "nhs_number";
    /** Display name of the user, copied into audit events. */
    public static final String NAME = "name";
    /** The client application, copied into audit events. */
    public static final String CLIENT_ID = "client_id";

    private JwtClaims() {
    }
}
