package org.openspr.query.core;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.openspr.events.avro.DemographicsRecorded;
import org.openspr.events.avro.EncounterRecorded;
import org.openspr.events.avro.Period;

/**
 * Legitimate relationship: the caller's organisation is the patient's registered GP practice, or provides an encounter
 * that is open or ended within the window. Judged from the record itself, so it needs DEMOGRAPHICS and ENCOUNTERS.
 */
final class RelationshipCheck {
    private final Set<String> openStatuses;
    private final Duration window;

    RelationshipCheck(Set<String> openStatuses, Duration window) {
        this.openStatuses = Set.copyOf(openStatuses);
        this.window = window;
    }

    static Set<Section> sectionsNeeded() {
        return Set.of(Section.DEMOGRAPHICS, Section.ENCOUNTERS);
    }

    boolean holds(PatientView view, String odsCode, Instant now) {
        if (odsCode == null || odsCode.isBlank()) {
            return false;
        }
        Instant since = now.minus(window);
        for (RecordEntry entry : view.entries()) {
            if (entry.enteredInError()) {
                continue;
            }
            Object payload = entry.payload();
            if (payload instanceof DemographicsRecorded demographics && odsCode.equals(demographics.getRegisteredGpPractice())) {
                return true;
            }
            if (payload instanceof EncounterRecorded encounter && odsCode.equals(provider(entry, encounter))
                    && (openStatuses.contains(encounter.getStatus()) || recent(encounter, since))) {
                return true;
            }
        }
        return false;
    }

    // A message without a service provider was sent by the providing organisation itself.
    private static String provider(RecordEntry entry, EncounterRecorded encounter) {
        return encounter.getServiceProvider() != null ? encounter.getServiceProvider() : entry.current().getSource().getOdsCode();
    }

    private static boolean recent(EncounterRecorded encounter, Instant since) {
        if ("cancelled".equals(encounter.getStatus()) || "entered-in-error".equals(encounter.getStatus())) {
            return false;
        }
        Period period = encounter.getPeriod();
        Instant last = period.getEnd() != null ? period.getEnd() : period.getStart();
        return last != null && !last.isBefore(since);
    }
}
