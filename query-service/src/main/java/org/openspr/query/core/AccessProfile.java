package org.openspr.query.core;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.util.EnumSet;
import java.util.Set;

/** What one role may do, declared in configuration under {@code access.roles.<roleCode>}. */
public class AccessProfile {
    /** Human name of the role, written to audit events (e.g. "Clinical Practitioner Access Role"). */
    @NotEmpty
    @JsonProperty
    public String name;

    /** Sections this role may see. Data minimisation: a receptionist gets DEMOGRAPHICS only. */
    @NotNull
    @JsonProperty
    public Set<Section> sections = EnumSet.noneOf(Section.class);

    /** Sensitivity label codes (e.g. PSY, SEX, HIV, ETH, SAFEGUARDING) this role may see, if the patient allows. */
    @NotNull
    @JsonProperty
    public Set<String> sensitiveLabels = Set.of();

    /** Whether this role may read records at all (false for a privacy officer who reads only the audit). */
    @JsonProperty
    public boolean readsRecords = true;

    /** Whether this role may read a record without a legitimate relationship by giving a break-glass reason. */
    @JsonProperty
    public boolean breakGlass;

    /** Whether this role may use the audit API (who read which patient, what a user read). */
    @JsonProperty
    public boolean auditor;

    public AccessProfile() {
    }

    public AccessProfile(String name, Set<Section> sections, Set<String> sensitiveLabels, boolean readsRecords,
                         boolean breakGlass, boolean auditor) {
        this.name = name;
        this.sections = sections.isEmpty() ? EnumSet.noneOf(Section.class) : EnumSet.copyOf(sections);
        this.sensitiveLabels = Set.copyOf(sensitiveLabels);
        this.readsRecords = readsRecords;
        this.breakGlass = breakGlass;
        this.auditor = auditor;
    }
}
