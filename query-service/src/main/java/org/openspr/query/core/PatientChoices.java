package org.openspr.query.core;

import java.util.Map;
import java.util.Set;

/** The patient's sharing choices, as far as the policy needs them. */
public interface PatientChoices {
    /** Sensitivity label codes this patient asked to withhold from staff (empty when they made no choice). */
    Set<String> withheldLabels(String nhsNumber);

    /** Choices held in configuration: the record has no consent events yet, so this is the only source for now. */
    static PatientChoices fromConfig(Map<String, Set<String>> withheld) {
        Map<String, Set<String>> copy = Map.copyOf(withheld);
        return nhsNumber -> copy.getOrDefault(nhsNumber, Set.of());
    }
}
