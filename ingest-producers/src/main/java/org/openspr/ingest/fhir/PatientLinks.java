package org.openspr.ingest.fhir;

import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.Patient;
import org.openspr.events.avro.IdentityEvent;
import org.openspr.events.avro.PatientIdentity;
import org.openspr.ingest.map.IdentityEvents;
import org.openspr.ingest.map.MessageContext;

/** Patient.link of type replaced-by: this patient was merged into the other one. */
final class PatientLinks {
    private final MessageContext ctx;
    private final PatientIdentities patients;
    private final BundleIndex refs;

    PatientLinks(MessageContext ctx, PatientIdentities patients, BundleIndex refs) {
        this.ctx = ctx;
        this.patients = patients;
        this.refs = refs;
    }

    List<IdentityEvent> replacedBy(Patient patient, String location, PatientIdentities.Resolved self) {
        List<IdentityEvent> out = new ArrayList<>();
        for (int i = 0; i < patient.getLink().size(); i++) {
            Patient.PatientLinkComponent link = patient.getLink().get(i);
            if (link.getType() != Patient.LinkType.REPLACEDBY) {
                continue;
            }
            PatientIdentities.Resolved other = patients.of(link.getOther(), patient, refs, location + ".link[" + i + "].other");
            if (other == null) {
                continue;
            }
            IdentityEvent merge = merge(self.identity(), other.identity());
            if (merge != null) {
                out.add(merge);
            }
        }
        return out;
    }

    private IdentityEvent merge(PatientIdentity superseded, PatientIdentity surviving) {
        if (superseded.getNhsNumber() != null && surviving.getNhsNumber() != null) {
            return superseded.getNhsNumber().equals(surviving.getNhsNumber()) ? null
                    : IdentityEvents.merged(ctx, superseded.getNhsNumber(), surviving.getNhsNumber());
        }
        if (!superseded.getLocalIdentifiers().isEmpty() && !surviving.getLocalIdentifiers().isEmpty()) {
            return IdentityEvents.localMerged(ctx, superseded.getLocalIdentifiers().get(0), surviving.getLocalIdentifiers().get(0));
        }
        return null;
    }
}
