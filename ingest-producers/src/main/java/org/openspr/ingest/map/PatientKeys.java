package org.openspr.ingest.map;

import org.openspr.events.avro.LocalIdentifier;
import org.openspr.events.avro.PatientIdentity;

/** The patient routing key that clinical events are keyed by: the NHS number, else system|value of the first local id. */
public final class PatientKeys {
    private PatientKeys() {
    }

    public static String routingKey(PatientIdentity patient) {
        if (patient.getNhsNumber() != null) {
            return patient.getNhsNumber();
        }
        if (patient.getLocalIdentifiers().isEmpty()) {
            throw new IllegalArgumentException("patient has neither NHS number nor local identifier");
        }
        return key(patient.getLocalIdentifiers().get(0));
    }

    public static String key(LocalIdentifier id) {
        return id.getSystem() + "|" + id.getValue();
    }
}
