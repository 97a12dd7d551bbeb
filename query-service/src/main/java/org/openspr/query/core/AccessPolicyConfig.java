package org.openspr.query.core;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.util.Map;
import java.util.Set;

/** The access rules, all from configuration ({@code access:}): the code holds no role names or section lists. */
public class AccessPolicyConfig {
    /** National RBAC role code (R8000, R8001, R8003, R0001, R8008, ...) to its access profile. */
    @Valid
    @NotNull
    @JsonProperty
    public Map<String, AccessProfile> roles = Map.of();

    /** What a patient sees of their own record (sections and labels; break-glass and audit flags are ignored). */
    @Valid
    @NotNull
    @JsonProperty
    public AccessProfile patient = new AccessProfile("Patient", Set.of(Section.values()), Set.of("PSY", "SEX", "HIV", "ETH"),
            true, false, false);

    /** Label codes that make an item sensitive; items carrying none of them are released to every allowed section. */
    @NotNull
    @JsonProperty
    public Set<String> sensitiveLabels = Set.of("PSY", "SEX", "HIV", "ETH", "SDV", "SAFEGUARDING", "R");

    /** Encounter statuses that are an open care relationship for the serviceProvider organisation. */
    @NotNull
    @JsonProperty
    public Set<String> openEncounterStatuses = Set.of("in-progress", "arrived", "triaged", "onleave", "planned");

    /** An encounter that ended (or started) within this window still counts as a legitimate relationship. */
    @NotNull
    @JsonProperty
    public Duration relationshipWindow = Duration.days(30);

    /** A break-glass reason shorter than this is refused: "x" is not a reason. */
    @Min(1)
    @JsonProperty
    public int breakGlassMinReasonLength = 10;

    /** Patient choices: NHS number to sensitivity labels the patient asked to withhold from staff. */
    @NotNull
    @JsonProperty
    public Map<String, Set<String>> patientWithheldLabels = Map.of();
}
