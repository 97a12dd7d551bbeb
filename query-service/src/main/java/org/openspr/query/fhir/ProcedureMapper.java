package org.openspr.query.fhir;

import static org.openspr.query.fhir.FhirTypes.concept;
import static org.openspr.query.fhir.FhirTypes.oneOf;
import static org.openspr.query.fhir.FhirTypes.patient;

import java.util.Set;
import org.hl7.fhir.r4.model.Annotation;
import org.hl7.fhir.r4.model.Procedure;
import org.openspr.events.avro.ProcedureRecorded;

/** Procedures. */
final class ProcedureMapper {
    private ProcedureMapper() {
    }

    static Procedure procedure(String nhsNumber, ProcedureRecorded p) {
        Procedure procedure = new Procedure().setSubject(patient(nhsNumber)).setCode(concept(p.getCode()));
        procedure.setStatus(Procedure.ProcedureStatus.fromCode(oneOf(p.getStatus(), Set.of("preparation", "in-progress",
                "not-done", "on-hold", "stopped", "completed", "entered-in-error", "unknown"), "unknown")));
        if (FhirTypes.period(p.getPerformed()) != null) {
            procedure.setPerformed(FhirTypes.period(p.getPerformed()));
        }
        p.getBodySites().forEach(b -> procedure.addBodySite(concept(b)));
        p.getReasons().forEach(r -> procedure.addReasonCode(concept(r)));
        procedure.setOutcome(concept(p.getOutcome()));
        p.getNotes().forEach(n -> procedure.addNote(new Annotation().setText(n)));
        return procedure;
    }
}
