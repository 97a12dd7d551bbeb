package org.openspr.query.core;

import java.security.Principal;

/**
 * Who is asking: a member of staff (user id, national RBAC role code, ODS code of the organisation they act for) or a
 * patient (subject = their NHS number). Built only from a verified token.
 *
 * @param token the raw bearer token, kept so a request forwarded to the owning instance carries the caller's own proof
 */
public record Caller(String userId, String displayName, String roleCode, String odsCode, String patientNhsNumber,
                     String clientId, String token) implements Principal {

    public static Caller staff(String userId, String roleCode, String odsCode) {
        return new Caller(userId, null, roleCode, odsCode, null, null, null);
    }

    public static Caller patient(String nhsNumber) {
        return new Caller(nhsNumber, null, null, null, nhsNumber, null, null);
    }

    public boolean isPatient() {
        return patientNhsNumber != null;
    }

    public Caller withToken(String raw) {
        return new Caller(userId, displayName, roleCode, odsCode, patientNhsNumber, clientId, raw);
    }

    @Override
    public String getName() {
        return userId;
    }

    @Override
    public String toString() {
        // Never print the token.
        return "Caller[" + userId + (isPatient() ? ", patient" : ", " + roleCode + "@" + odsCode) + "]";
    }
}
