package org.openspr.query.core;

import java.util.Set;
import org.openspr.events.avro.AccessBasis;
import org.openspr.events.avro.AccessOutcome;
import org.openspr.events.avro.Coding;

/**
 * The outcome of one access decision: everything the audit event and the response filter need.
 *
 * @param sections             sections released (empty unless permitted)
 * @param sectionsNotPermitted requested sections the role may not see (data minimisation, not a secret)
 * @param releasableLabels     sensitivity labels released to this caller for this patient
 * @param sensitiveLabels      labels that make an item sensitive
 * @param reason               the SPR-coded reason for a denial or not-found, else null
 */
public record AccessDecision(AccessOutcome outcome, AccessBasis basis, Coding purposeOfUse, String roleName,
                             Set<Section> sections, Set<Section> sectionsNotPermitted, Set<String> releasableLabels,
                             Set<String> sensitiveLabels, String breakGlassReason, String reason, int httpStatus) {

    public boolean permitted() {
        return outcome == AccessOutcome.PERMITTED;
    }

    public boolean breakGlass() {
        return basis == AccessBasis.BREAK_GLASS;
    }

    /** True when this entry may be released: its section is allowed and every sensitive label on it is releasable. */
    public boolean releases(RecordEntry entry) {
        if (!permitted() || !sections.contains(entry.section())) {
            return false;
        }
        for (String label : entry.labelCodes()) {
            if (sensitiveLabels.contains(label) && !releasableLabels.contains(label)) {
                return false;
            }
        }
        return true;
    }

    /** True when the caller could see this entry's section but its sensitivity withholds it (counted, never shown). */
    public boolean withholds(RecordEntry entry) {
        return permitted() && sections.contains(entry.section()) && !releases(entry);
    }
}
