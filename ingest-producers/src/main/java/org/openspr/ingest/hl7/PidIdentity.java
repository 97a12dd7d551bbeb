package org.openspr.ingest.hl7;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.openspr.events.avro.LocalIdentifier;
import org.openspr.events.avro.PatientIdentity;
import org.openspr.events.errors.SprException;
import org.openspr.events.nhs.NhsNumber;
import org.openspr.ingest.map.IngestRejection;

/**
 * Patient identity from a CX list (PID-3, PID-2, MRG-1). The NHS number is the repetition with identifier type NH,
 * or what real feeds send instead: assigning authority NHS/NHSNBR or the NHS OID, or type HN/NHSNBR/NHSNMBR.
 */
final class PidIdentity {
    private static final Set<String> NHS_TYPES = Set.of("NH", "HN", "NHSNBR", "NHSNMBR", "NHS");
    private static final Set<String> NHS_AUTHORITIES = Set.of("NHS", "NHSNBR", "NHSNMBR", "2.16.840.1.113883.2.1.4.1");

    private PidIdentity() {
    }

    /** Null when the fields carry no identifier at all. Throws when an NHS number fails its check. */
    static PatientIdentity from(String sourceSystem, Hl7Segment s, int... fields) {
        String nhs = null;
        List<LocalIdentifier> locals = new ArrayList<>();
        for (int field : fields) {
            for (int rep = 0; rep < s.reps(field); rep++) {
                String value = s.get(field, rep, 1);
                if (value == null) {
                    continue;
                }
                String authority = s.get(field, rep, 4);
                String type = s.get(field, rep, 5);
                if (isNhs(authority, type)) {
                    if (nhs == null) {
                        nhs = valid(value, s.name() + "-" + field + "(" + (rep + 1) + ")");
                    }
                    continue;
                }
                String system = authority != null ? authority : sourceSystem + "/" + (type != null ? type : "PI");
                LocalIdentifier id = LocalIdentifier.newBuilder().setSystem(system).setValue(value).setType(type).build();
                if (locals.stream().noneMatch(l -> l.getSystem().equals(system) && l.getValue().equals(value))) {
                    locals.add(id);
                }
            }
        }
        if (nhs == null && locals.isEmpty()) {
            return null;
        }
        return PatientIdentity.newBuilder().setNhsNumber(nhs).setLocalIdentifiers(locals).build();
    }

    private static boolean isNhs(String authority, String type) {
        return (type != null && NHS_TYPES.contains(type.toUpperCase(Locale.ROOT)))
                || (authority != null && NHS_AUTHORITIES.contains(authority.toUpperCase(Locale.ROOT)));
    }

    private static String valid(String raw, String location) {
        try {
            return NhsNumber.requireValid(raw);
        } catch (SprException e) {
            throw new IngestRejection(location, e);
        }
    }
}
