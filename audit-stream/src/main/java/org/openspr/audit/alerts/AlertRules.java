package org.openspr.audit.alerts;

import java.time.Duration;
import java.util.Set;

/**
 * Thresholds of the alert rules.
 *
 * @param volumeWindow              window in which distinct patients read by one user are counted
 * @param distinctPatientThreshold  alert when one user reads this many distinct patients within volumeWindow
 * @param denialWindow              window in which one user's denials are counted
 * @param denialThreshold           alert when one user is denied this many times within denialWindow
 * @param sensitiveLabels           labels that make a returned item sensitive; empty means any label does
 */
public record AlertRules(Duration volumeWindow, int distinctPatientThreshold, Duration denialWindow, int denialThreshold,
        Set<String> sensitiveLabels) {

    /** 50 distinct patients per hour, 5 denials per 10 minutes, any sensitivity label. */
    public static AlertRules defaults() {
        return new AlertRules(Duration.ofHours(1), 50, Duration.ofMinutes(10), 5, Set.of());
    }

    boolean isSensitive(String label) {
        return sensitiveLabels.isEmpty() || sensitiveLabels.contains(label);
    }
}
