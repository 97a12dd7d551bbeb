package org.openspr.query.core;

import java.time.Clock;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.openspr.events.avro.AccessBasis;
import org.openspr.events.avro.AccessOutcome;
import org.openspr.events.avro.Coding;
import org.openspr.query.QueryErrorCode;

/**
 * Every access decision of the service, in one place: role profiles, legitimate relationship, break-glass, patient
 * self-access, sensitivity withholding and the audit API. Pure: no I/O, so it is tested table by table.
 */
public final class AccessPolicy {
    static final String PURPOSE_SYSTEM = "http://terminology.hl7.org/CodeSystem/v3-ActReason";
    static final Coding TREAT = new Coding(PURPOSE_SYSTEM, "TREAT", "treatment");
    static final Coding EMERGENCY = new Coding(PURPOSE_SYSTEM, "ETREAT", "emergency treatment");
    static final Coding PATIENT_REQUEST = new Coding(PURPOSE_SYSTEM, "PATRQT", "patient requested");
    static final Coding COMPLIANCE = new Coding(PURPOSE_SYSTEM, "HCOMPL", "health compliance");

    private final AccessPolicyConfig config;
    private final PatientChoices choices;
    private final RelationshipCheck relationship;
    private final Clock clock;

    public AccessPolicy(AccessPolicyConfig config, PatientChoices choices, Clock clock) {
        this.config = config;
        this.choices = choices;
        this.relationship = new RelationshipCheck(config.openEncounterStatuses, config.relationshipWindow.toJavaDuration());
        this.clock = clock;
    }

    /** The sections to read from the store: what may be released plus what the relationship check needs. */
    public Set<Section> sectionsToRead(Caller caller, Set<Section> requested) {
        Set<Section> read = EnumSet.noneOf(Section.class);
        read.addAll(allowed(profileOf(caller).map(p -> p.sections).orElse(Set.of()), requested));
        if (!caller.isPatient()) {
            read.addAll(RelationshipCheck.sectionsNeeded());
        }
        return read;
    }

    /**
     * Decides a read of one patient's record.
     *
     * @param view             the record as read (empty when the patient has no record)
     * @param requested        sections asked for; empty means every section the role may see
     * @param breakGlassReason the reason given for breaking glass, or null
     */
    public AccessDecision decideRecord(Caller caller, String requestedNhsNumber, Optional<PatientView> view,
                                       Set<Section> requested, String breakGlassReason) {
        if (caller.isPatient()) {
            boolean own = caller.patientNhsNumber().equals(requestedNhsNumber)
                    || view.map(v -> v.belongsTo(caller.patientNhsNumber())).orElse(false);
            if (!own) {
                return deny(AccessBasis.PATIENT_SELF, PATIENT_REQUEST, "Patient", QueryErrorCode.PATIENT_NOT_SELF.format(), 403);
            }
            return found(view, requestedNhsNumber, permit(AccessBasis.PATIENT_SELF, PATIENT_REQUEST, config.patient,
                    requested, config.patient.sensitiveLabels, null));
        }
        Optional<AccessProfile> maybeProfile = profileOf(caller);
        if (maybeProfile.isEmpty()) {
            return deny(AccessBasis.NONE, TREAT, null, QueryErrorCode.ROLE_NOT_CONFIGURED.format(caller.roleCode()), 403);
        }
        AccessProfile profile = maybeProfile.get();
        if (!profile.readsRecords) {
            return deny(AccessBasis.NONE, TREAT, profile.name, QueryErrorCode.ROLE_NOT_CLINICAL.format(caller.roleCode()), 403);
        }
        if (view.isEmpty()) {
            return notFound(profile.name, requestedNhsNumber);
        }
        Set<String> releasable = new HashSet<>(profile.sensitiveLabels);
        releasable.removeAll(choices.withheldLabels(view.get().nhsNumber()));
        if (relationship.holds(view.get(), caller.odsCode(), clock.instant())) {
            return permit(AccessBasis.LEGITIMATE_RELATIONSHIP, TREAT, profile, requested, releasable, null);
        }
        String reason = breakGlassReason == null ? "" : breakGlassReason.strip();
        if (reason.isEmpty()) {
            return deny(AccessBasis.NONE, TREAT, profile.name, QueryErrorCode.NO_RELATIONSHIP.format(caller.odsCode()), 403);
        }
        if (!profile.breakGlass) {
            return deny(AccessBasis.BREAK_GLASS, EMERGENCY, profile.name,
                    QueryErrorCode.BREAK_GLASS_NOT_ALLOWED.format(caller.roleCode()), 403, reason);
        }
        if (reason.length() < config.breakGlassMinReasonLength) {
            return deny(AccessBasis.BREAK_GLASS, EMERGENCY, profile.name,
                    QueryErrorCode.BREAK_GLASS_REASON_TOO_SHORT.format(config.breakGlassMinReasonLength), 403, reason);
        }
        return permit(AccessBasis.BREAK_GLASS, EMERGENCY, profile, requested, releasable, reason);
    }

    /** Decides a read of the audit trail (by patient or by user): auditor profiles only. */
    public AccessDecision decideAudit(Caller caller) {
        Optional<AccessProfile> profile = profileOf(caller);
        if (caller.isPatient() || profile.isEmpty() || !profile.get().auditor) {
            return deny(AccessBasis.NONE, COMPLIANCE, profile.map(p -> p.name).orElse(null),
                    QueryErrorCode.NOT_AUDITOR.format(caller.isPatient() ? "patient" : caller.roleCode()), 403);
        }
        return new AccessDecision(AccessOutcome.PERMITTED, AccessBasis.AUDIT, COMPLIANCE, profile.get().name, Set.of(), Set.of(),
                Set.of(), config.sensitiveLabels, null, null, 200);
    }

    /** Decides a patient's read of who accessed their own record. */
    public AccessDecision decideOwnAccessLog(Caller caller) {
        if (!caller.isPatient()) {
            return deny(AccessBasis.NONE, PATIENT_REQUEST, null, QueryErrorCode.NOT_A_PATIENT.format(), 403);
        }
        return new AccessDecision(AccessOutcome.PERMITTED, AccessBasis.PATIENT_SELF, PATIENT_REQUEST, "Patient", Set.of(),
                Set.of(), Set.of(), config.sensitiveLabels, null, null, 200);
    }

    public Optional<AccessProfile> profileOf(Caller caller) {
        if (caller.isPatient()) {
            return Optional.of(config.patient);
        }
        return Optional.ofNullable(caller.roleCode() == null ? null : config.roles.get(caller.roleCode()));
    }

    private AccessDecision found(Optional<PatientView> view, String requestedNhsNumber, AccessDecision permitted) {
        return view.isPresent() ? permitted : notFound(permitted.roleName(), requestedNhsNumber);
    }

    private AccessDecision permit(AccessBasis basis, Coding purpose, AccessProfile profile, Set<Section> requested,
                                  Set<String> releasable, String breakGlassReason) {
        Set<Section> sections = allowed(profile.sections, requested);
        Set<Section> refused = EnumSet.noneOf(Section.class);
        refused.addAll(requested);
        refused.removeAll(profile.sections);
        return new AccessDecision(AccessOutcome.PERMITTED, basis, purpose, profile.name, sections, refused,
                Set.copyOf(releasable), config.sensitiveLabels, breakGlassReason, null, 200);
    }

    private AccessDecision notFound(String roleName, String nhsNumber) {
        return new AccessDecision(AccessOutcome.NOT_FOUND, AccessBasis.NONE, TREAT, roleName, Set.of(), Set.of(), Set.of(),
                config.sensitiveLabels, null, QueryErrorCode.PATIENT_NOT_FOUND.format(nhsNumber), 404);
    }

    private AccessDecision deny(AccessBasis basis, Coding purpose, String roleName, String reason, int status) {
        return deny(basis, purpose, roleName, reason, status, null);
    }

    private AccessDecision deny(AccessBasis basis, Coding purpose, String roleName, String reason, int status,
                                String breakGlassReason) {
        return new AccessDecision(AccessOutcome.DENIED, basis, purpose, roleName, Set.of(), Set.of(), Set.of(),
                config.sensitiveLabels, breakGlassReason, reason, status);
    }

    private static Set<Section> allowed(Set<Section> profileSections, Set<Section> requested) {
        Set<Section> sections = EnumSet.noneOf(Section.class);
        sections.addAll(profileSections);
        if (!requested.isEmpty()) {
            sections.retainAll(requested);
        }
        return sections;
    }
}
