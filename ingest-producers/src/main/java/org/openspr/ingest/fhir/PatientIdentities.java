package org.openspr.ingest.fhir;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.openspr.events.avro.LocalIdentifier;
import org.openspr.events.avro.PatientIdentity;
import org.openspr.events.errors.SprException;
import org.openspr.events.nhs.NhsNumber;
import org.openspr.ingest.map.IngestRejection;
import org.openspr.ingest.map.PatientKeys;
import org.openspr.ingest.map.TestNhsNumbers;

/** Works out who a resource is about: NHS number (validated) and local identifiers, per message. */
final class PatientIdentities {
    static final String NHS_SYSTEM = "https://fhir.nhs.uk/Id/nhs-number";
    /** System of the local identifier made from a Patient's logical id, so references by id and by resource agree. */
    static final String FHIR_ID_SYSTEM_PREFIX = "urn:openspr:fhir-id:";

    /** A resolved identity, and whether its NHS number was assigned by us (test data) rather than sent. */
    record Resolved(PatientIdentity identity, boolean assigned) {
    }

    private final String sourceSystem;
    private final boolean assignTestNhsNumbers;
    private final Map<Patient, Resolved> cache = new IdentityHashMap<>();

    PatientIdentities(String sourceSystem, boolean assignTestNhsNumbers) {
        this.sourceSystem = sourceSystem;
        this.assignTestNhsNumbers = assignTestNhsNumbers;
    }

    /** Identity of a Patient resource; rejects an NHS number that fails the Modulus 11 check. */
    Resolved of(Patient patient, String location) {
        Resolved known = cache.get(patient);
        if (known != null) {
            return known;
        }
        List<LocalIdentifier> locals = new ArrayList<>();
        String logicalId = FhirIds.logicalId(patient);
        if (logicalId != null) {
            locals.add(local(FHIR_ID_SYSTEM_PREFIX + sourceSystem + ":Patient", logicalId, "FHIR"));
        }
        String nhs = null;
        List<Identifier> identifiers = patient.getIdentifier();
        for (int i = 0; i < identifiers.size(); i++) {
            Identifier id = identifiers.get(i);
            if (!id.hasValue()) {
                continue;
            }
            if (NHS_SYSTEM.equals(id.getSystem())) {
                nhs = validNhs(id.getValue(), location + ".identifier[" + i + "].value");
            } else {
                String type = id.hasType() ? FhirTypes.firstCode(id.getType()) : null;
                locals.add(local(id.hasSystem() ? id.getSystem() : "urn:openspr:unknown-system", id.getValue(), type));
            }
        }
        Resolved resolved = build(nhs, locals);
        cache.put(patient, resolved);
        return resolved;
    }

    /** Identity of whoever a reference names: a Patient in the message, an identifier, or a bare Patient/id. */
    Resolved of(Reference ref, Resource owner, BundleIndex refs, String location) {
        if (ref == null || ref.isEmpty()) {
            return null;
        }
        Resource target = refs.resolve(ref, owner);
        if (target instanceof Patient patient) {
            return of(patient, location);
        }
        if (target != null) {
            return null; // a Group, Location or Device is not a patient
        }
        if (ref.hasIdentifier() && ref.getIdentifier().hasValue()) {
            Identifier id = ref.getIdentifier();
            if (NHS_SYSTEM.equals(id.getSystem())) {
                return build(validNhs(id.getValue(), location + ".identifier.value"), List.of());
            }
            return build(null, List.of(local(id.hasSystem() ? id.getSystem() : "urn:openspr:unknown-system", id.getValue(), null)));
        }
        if (ref.hasReference()) {
            String typeAndId = BundleIndex.typeAndId(ref.getReference());
            if (typeAndId.startsWith("Patient/")) {
                return build(null, List.of(local(FHIR_ID_SYSTEM_PREFIX + sourceSystem + ":Patient",
                        typeAndId.substring("Patient/".length()), "FHIR")));
            }
        }
        return null;
    }

    private Resolved build(String nhs, List<LocalIdentifier> locals) {
        boolean assigned = false;
        if (nhs == null && assignTestNhsNumbers && !locals.isEmpty()) {
            nhs = TestNhsNumbers.forKey(PatientKeys.key(locals.get(0)));
            assigned = true;
        }
        if (nhs == null && locals.isEmpty()) {
            return null;
        }
        return new Resolved(PatientIdentity.newBuilder().setNhsNumber(nhs).setLocalIdentifiers(locals).build(), assigned);
    }

    private static String validNhs(String raw, String location) {
        try {
            return NhsNumber.requireValid(raw);
        } catch (SprException e) {
            throw new IngestRejection(location, e);
        }
    }

    private static LocalIdentifier local(String system, String value, String type) {
        return LocalIdentifier.newBuilder().setSystem(system).setValue(value).setType(type).build();
    }
}
