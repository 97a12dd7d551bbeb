package org.openspr.query.core;

/**
 * The sections of a record, named as the projector names them ({@code RecordSection}), so profiles in configuration
 * and the projector's keys use the same words.
 */
public enum Section {
    DEMOGRAPHICS, ALLERGIES, MEDICATIONS, PROBLEMS, ENCOUNTERS, RESULTS, PROCEDURES, IMMUNISATIONS, DOCUMENTS,
    CARE_PLANS, ALERTS, MATERNITY
}
