package org.openspr.audit.projection;

/** Which end of its time window an access-log read starts from. */
public enum LogOrder {
    /** Most recent access first: what a patient asking "who looked at my record" wants to see. */
    NEWEST_FIRST,
    /** In the order the accesses happened: for an auditor reconstructing events. */
    OLDEST_FIRST
}
