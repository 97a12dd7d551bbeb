package org.openspr.audit.projection;

/** Store names shared by the audit topology and the readers over it (e.g. the query service). */
public final class AuditStoreNames {
    /** patient NHS number|occurredAt|auditId to RecordAccessed. */
    public static final String ACCESS_BY_PATIENT = "audit-access-by-patient";
    /** user id|occurredAt|auditId to RecordAccessed. */
    public static final String ACCESS_BY_USER = "audit-access-by-user";
    /** user id to the recent accesses and denials the windowed alert rules count. */
    public static final String USER_ALERT_WINDOWS = "audit-user-alert-windows";

    private AuditStoreNames() {
    }
}
