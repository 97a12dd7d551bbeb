package org.openspr.projector.record;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.openspr.events.avro.AllergyRecorded;
import org.openspr.events.avro.CarePlanRecorded;
import org.openspr.events.avro.ClinicalEvent;
import org.openspr.events.avro.Coding;
import org.openspr.events.avro.Concept;
import org.openspr.events.avro.ConditionRecorded;
import org.openspr.events.avro.DiagnosticReportRecorded;
import org.openspr.events.avro.DocumentRecorded;
import org.openspr.events.avro.EncounterRecorded;
import org.openspr.events.avro.FlagRaised;
import org.openspr.events.avro.ImmunisationRecorded;
import org.openspr.events.avro.MedicationRecorded;
import org.openspr.events.avro.ObservationRecorded;
import org.openspr.events.avro.PregnancyEpisodeRecorded;
import org.openspr.events.avro.ProcedureRecorded;

/** What an event says, reduced to what the record needs: its clinical time, its "same fact" key and its status. */
public final class ClinicalFacts {
    private static final long DAY_MILLIS = 86_400_000L;

    private ClinicalFacts() {
    }

    /** When it happened clinically: the payload's own date, else occurredAt, else when the version was made. */
    public static Instant clinicalTime(ClinicalEvent event) {
        Instant fromPayload = payloadTime(event.getPayload());
        if (fromPayload != null) {
            return fromPayload;
        }
        return event.getOccurredAt() != null ? event.getOccurredAt() : event.getVersionedAt();
    }

    /**
     * Key under which two sources' items count as the same fact: same code on the same day (same instant for results,
     * where two measurements on one day are different facts). Null where matching across sources would be a guess.
     */
    public static String factKey(ClinicalEvent event) {
        Object p = event.getPayload();
        Concept code;
        Instant when;
        boolean exactTime = false;
        if (p instanceof AllergyRecorded a) {
            code = a.getCode();
            when = a.getOnset();
        } else if (p instanceof ConditionRecorded c) {
            code = c.getCode();
            when = c.getOnset();
        } else if (p instanceof MedicationRecorded m) {
            code = m.getMedication();
            when = m.getAuthoredOn();
        } else if (p instanceof ImmunisationRecorded i) {
            code = i.getVaccine();
            when = i.getOccurrence();
        } else if (p instanceof ProcedureRecorded pr) {
            code = pr.getCode();
            when = pr.getPerformed().getStart();
        } else if (p instanceof ObservationRecorded o) {
            code = o.getCode();
            when = o.getEffective();
            exactTime = true;
        } else if (p instanceof DiagnosticReportRecorded r) {
            code = r.getCode();
            when = r.getEffective();
            exactTime = true;
        } else if (p instanceof FlagRaised f) {
            code = f.getCode();
            when = f.getPeriod().getStart();
        } else {
            return null;
        }
        String coding = primaryCoding(code);
        if (coding == null) {
            return null;
        }
        String date = when == null ? "undated" : Long.toString(exactTime ? when.toEpochMilli() : Math.floorDiv(when.toEpochMilli(), DAY_MILLIS));
        return p.getClass().getSimpleName() + '|' + coding + '|' + date;
    }

    /** The status a clinician would see; two sources asserting the same fact with different statuses conflict. */
    public static String status(Object payload) {
        if (payload instanceof AllergyRecorded a) {
            return a.getClinicalStatus() + "|" + a.getVerificationStatus();
        } else if (payload instanceof ConditionRecorded c) {
            return c.getClinicalStatus() + "|" + c.getVerificationStatus();
        } else if (payload instanceof MedicationRecorded m) {
            return m.getStatus();
        } else if (payload instanceof ImmunisationRecorded i) {
            return i.getStatus();
        } else if (payload instanceof ProcedureRecorded pr) {
            return pr.getStatus();
        } else if (payload instanceof ObservationRecorded o) {
            return o.getStatus() + "|" + o.getValue();
        } else if (payload instanceof DiagnosticReportRecorded r) {
            return r.getStatus();
        } else if (payload instanceof FlagRaised f) {
            return f.getStatus();
        }
        return null;
    }

    private static String primaryCoding(Concept concept) {
        List<Coding> codings = concept.getCodings();
        return codings.stream()
                .map(c -> c.getSystem() + '|' + c.getCode())
                .min(Comparator.naturalOrder())
                .orElse(null);
    }

    private static Instant payloadTime(Object p) {
        if (p instanceof EncounterRecorded e) {
            return e.getPeriod().getStart();
        } else if (p instanceof AllergyRecorded a) {
            return a.getOnset();
        } else if (p instanceof ConditionRecorded c) {
            return c.getOnset();
        } else if (p instanceof MedicationRecorded m) {
            return m.getAuthoredOn();
        } else if (p instanceof ObservationRecorded o) {
            return o.getEffective();
        } else if (p instanceof DiagnosticReportRecorded r) {
            return r.getEffective();
        } else if (p instanceof ProcedureRecorded pr) {
            return pr.getPerformed().getStart();
        } else if (p instanceof ImmunisationRecorded i) {
            return i.getOccurrence();
        } else if (p instanceof DocumentRecorded d) {
            return d.getDate();
        } else if (p instanceof CarePlanRecorded cp) {
            return cp.getPeriod().getStart();
        } else if (p instanceof FlagRaised f) {
            return f.getPeriod().getStart();
        } else if (p instanceof PregnancyEpisodeRecorded pe) {
            return pe.getPeriod().getStart();
        }
        return null;
    }
}
