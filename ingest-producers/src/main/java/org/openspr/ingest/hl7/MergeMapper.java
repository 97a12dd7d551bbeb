package org.openspr.ingest.hl7;

import org.openspr.events.avro.IdentityEvent;
import org.openspr.events.avro.LocalIdentifier;
import org.openspr.events.avro.PatientIdentity;
import org.openspr.ingest.IngestErrorCode;
import org.openspr.ingest.map.IdentityEvents;
import org.openspr.ingest.map.IngestRejection;

/**
 * ADT A40 (and A34-A36, A30, A39, A47): each PID/MRG pair says "MRG's patient is now PID's patient". Both NHS
 * numbers known: PatientsMerged; otherwise each superseded local id is merged into the surviving id of the same system.
 */
final class MergeMapper {
    private MergeMapper() {
    }

    static void map(Hl7Run run) {
        PatientIdentity surviving = null;
        Hl7Segment survivingPid = null;
        for (Hl7Segment s : run.segments) {
            if (s.name().equals("PID")) {
                surviving = PidIdentity.from(run.ctx.sourceSystem(), s, 3, 2);
                survivingPid = s;
            } else if (s.name().equals("MRG")) {
                if (surviving == null) {
                    throw new IngestRejection(s.location(), IngestErrorCode.HL7_MISSING_SEGMENT, "MRG without a", "PID");
                }
                PatientIdentity superseded = PidIdentity.from(run.ctx.sourceSystem(), s, 1, 4);
                if (superseded == null) {
                    throw new IngestRejection(s.location(), IngestErrorCode.HL7_BAD_VALUE, s.location(), "MRG-1 names no prior patient identifier");
                }
                merge(run, s, survivingPid, superseded, surviving);
            }
        }
    }

    private static void merge(Hl7Run run, Hl7Segment mrg, Hl7Segment pid, PatientIdentity superseded, PatientIdentity surviving) {
        if (superseded.getNhsNumber() != null && surviving.getNhsNumber() != null
                && !superseded.getNhsNumber().equals(surviving.getNhsNumber())) {
            add(run, IdentityEvents.merged(run.ctx, superseded.getNhsNumber(), surviving.getNhsNumber()), mrg, pid);
        }
        for (LocalIdentifier old : superseded.getLocalIdentifiers()) {
            LocalIdentifier target = surviving.getLocalIdentifiers().stream().filter(l -> l.getSystem().equals(old.getSystem()))
                    .findFirst().orElse(surviving.getLocalIdentifiers().isEmpty() ? null : surviving.getLocalIdentifiers().get(0));
            if (target != null && !(target.getSystem().equals(old.getSystem()) && target.getValue().equals(old.getValue()))) {
                add(run, IdentityEvents.localMerged(run.ctx, old, target), mrg, pid);
            }
        }
        if (surviving.getNhsNumber() != null) {
            for (LocalIdentifier id : surviving.getLocalIdentifiers()) {
                add(run, IdentityEvents.linked(run.ctx, surviving.getNhsNumber(), id, IdentityEvents.SOURCE_ASSERTED), pid);
            }
        }
    }

    private static void add(Hl7Run run, IdentityEvent event, Hl7Segment... from) {
        run.out.addIdentity(event);
        for (Hl7Segment s : from) {
            run.usedForIdentity(s, event.getEventId());
        }
    }
}
