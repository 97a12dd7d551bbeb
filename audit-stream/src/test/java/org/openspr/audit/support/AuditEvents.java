package org.openspr.audit.support;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.openspr.events.avro.AccessBasis;
import org.openspr.events.avro.AccessOutcome;
import org.openspr.events.avro.AuditAction;
import org.openspr.events.avro.AuditActor;
import org.openspr.events.avro.Coding;
import org.openspr.events.avro.RecordAccessed;

/** Builds audit events the way the query service writes them. */
public final class AuditEvents {
    public static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

    private AuditEvents() {
    }

    /** A permitted read of the patient's record by the user at the time. */
    public static RecordAccessed.Builder read(String userId, String nhsNumber, Instant at) {
        return RecordAccessed.newBuilder()
                .setAuditId(UUID.randomUUID().toString())
                .setRequestId(UUID.randomUUID().toString())
                .setOccurredAt(at)
                .setActor(AuditActor.newBuilder().setUserId(userId).setDisplayName("Dr " + userId).setRoleCode("R8000")
                        .setRoleName("Clinical Practitioner Access Role").setOdsCode("A81001").setClientId("gp-portal")
                        .setClientAddress("10.0.0.7").setPatientSelf(false).build())
                .setObserver("query-service-1")
                .setPatientNhsNumber(nhsNumber)
                .setAction(AuditAction.READ)
                .setOperation("GET /v1/patients/{nhsNumber}/record")
                .setQuery("sections=allergies,medications")
                .setSections(List.of("allergies", "medications"))
                .setItemCount(4)
                .setWithheldCount(0)
                .setSensitivityLabelsReturned(List.of())
                .setPurposeOfUse(Coding.newBuilder().setSystem("http://terminology.hl7.org/CodeSystem/v3-ActReason")
                        .setCode("TREAT").setDisplay("treatment").build())
                .setBasis(AccessBasis.LEGITIMATE_RELATIONSHIP)
                .setOutcome(AccessOutcome.PERMITTED);
    }

    /** NHS numbers with valid check digits, for n < 1000 (prefix 943476 + 3 digits + Modulus 11 check digit). */
    public static String nhsNumber(int n) {
        for (int candidate = n; ; candidate += 1000) {
            String nine = String.format("943%06d", candidate % 1_000_000);
            int sum = 0;
            for (int i = 0; i < 9; i++) {
                sum += (nine.charAt(i) - '0') * (10 - i);
            }
            int check = 11 - (sum % 11);
            if (check == 11) {
                check = 0;
            }
            if (check != 10) {
                return nine + check;
            }
        }
    }
}
