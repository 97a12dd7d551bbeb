package org.openspr.projector;

import org.openspr.events.errors.ErrorCode;

/** Error codes of the record projector (3000-3999), documented in docs/error-codes.md. Never renumber. */
public enum ProjectorErrorCode implements ErrorCode {
    CLINICAL_EVENT_WITHOUT_PATIENT(3001, "Clinical event %s carries neither an NHS number nor a local identifier"),
    CLINICAL_EVENT_UNDECODABLE(3002, "Record at %s-%d@%d could not be read: %s"),
    CLINICAL_EVENT_NOT_APPLIED(3003, "Record at %s-%d@%d (processor %s) could not be applied: %s"),
    OUTPUT_NOT_WRITTEN(3004, "Record for topic %s could not be written: %s"),
    UNKNOWN_PAYLOAD(3005, "Clinical event %s has a payload of type %s that no record section takes"),
    INVALID_CONFIGURATION(3006, "Projector configuration is invalid: %s"),
    STORE_NOT_READY(3007, "Store %s is not queryable yet (state %s): retry shortly"),
    CONTROL_TOPIC_UNREADABLE(3008, "Projection control topic %s could not be read: %s"),
    CONTROL_TOPIC_UNWRITABLE(3009, "Projection control topic %s could not be written: %s"),
    SWITCH_FAILED(3010, "Could not switch the record projection to application id %s: %s; still serving %s");

    private final int number;
    private final String template;

    ProjectorErrorCode(int number, String template) {
        this.number = number;
        this.template = template;
    }

    @Override
    public int number() {
        return number;
    }

    @Override
    public String template() {
        return template;
    }
}
