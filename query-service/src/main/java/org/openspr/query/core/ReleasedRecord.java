package org.openspr.query.core;

import java.util.List;

/**
 * What a caller is given of a record after the access decision: the entries released and how many were withheld for
 * sensitivity (counted, never described).
 */
public record ReleasedRecord(PatientView view, AccessDecision decision, List<RecordEntry> entries, int withheldCount) {
}
