package org.openspr.query.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openspr.query.testing.TestRecords.NOW;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.openspr.events.avro.AccessBasis;
import org.openspr.events.avro.AccessOutcome;
import org.openspr.query.testing.TestConfig;
import org.openspr.query.testing.TestRecords;

class AccessPolicyTest {
    static final String PATIENT = "9434765919";
    static final String OTHER_PATIENT = "9434765870";
    static final String GP = "A81001";
    static final String HOSPITAL = "RXX01";
    static final String STRANGER = "Y99999";
    static final String REASON = "Unconscious in ED, no relatives";

    // Registered at GP A81001; an open encounter at hospital RXX01; a 2-year-old encounter at Y12345.
    static final PatientView RECORD = TestRecords.patient(PATIENT).registeredAt(GP)
            .encounter(HOSPITAL, "in-progress", NOW.minusSeconds(3600), null)
            .encounter("Y12345", "finished", NOW.minusSeconds(86_400L * 700), NOW.minusSeconds(86_400L * 699))
            .allergy("91936005", "Penicillin allergy")
            .medication("318475005", "Amlodipine 5mg tablets")
            .condition("38341003", "Hypertension")
            .condition("35489007", "Depressive disorder", "PSY")
            .condition("86406008", "HIV infection", "HIV")
            .observation("1022441000000107", "Serum sodium", "140", "mmol/L", NOW.minusSeconds(86_400L * 3))
            .build();

    private final AccessPolicy policy = policy(Map.of());

    static AccessPolicy policy(Map<String, Set<String>> withheld) {
        AccessPolicyConfig config = TestConfig.shipped().access;
        return new AccessPolicy(config, PatientChoices.fromConfig(withheld), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    static Stream<Arguments> staffReads() {
        return Stream.of(
                // role, ODS, break-glass reason, outcome, basis, sections released
                Arguments.of("R8000", GP, null, AccessOutcome.PERMITTED, AccessBasis.LEGITIMATE_RELATIONSHIP, all()),
                Arguments.of("R8000", HOSPITAL, null, AccessOutcome.PERMITTED, AccessBasis.LEGITIMATE_RELATIONSHIP, all()),
                Arguments.of("R8000", "Y12345", null, AccessOutcome.DENIED, AccessBasis.NONE, none()),
                Arguments.of("R8000", STRANGER, null, AccessOutcome.DENIED, AccessBasis.NONE, none()),
                Arguments.of("R8000", STRANGER, "   ", AccessOutcome.DENIED, AccessBasis.NONE, none()),
                Arguments.of("R8000", STRANGER, "urgent", AccessOutcome.DENIED, AccessBasis.BREAK_GLASS, none()),
                Arguments.of("R8000", STRANGER, REASON, AccessOutcome.PERMITTED, AccessBasis.BREAK_GLASS, all()),
                Arguments.of("R8001", GP, null, AccessOutcome.PERMITTED, AccessBasis.LEGITIMATE_RELATIONSHIP, all()),
                Arguments.of("R8001", STRANGER, REASON, AccessOutcome.PERMITTED, AccessBasis.BREAK_GLASS, all()),
                Arguments.of("R8003", GP, null, AccessOutcome.PERMITTED, AccessBasis.LEGITIMATE_RELATIONSHIP,
                        EnumSet.complementOf(EnumSet.of(Section.DOCUMENTS, Section.CARE_PLANS, Section.MATERNITY))),
                Arguments.of("R8008", GP, null, AccessOutcome.PERMITTED, AccessBasis.LEGITIMATE_RELATIONSHIP,
                        EnumSet.of(Section.DEMOGRAPHICS)),
                Arguments.of("R8008", STRANGER, REASON, AccessOutcome.DENIED, AccessBasis.BREAK_GLASS, none()),
                Arguments.of("SC100", GP, null, AccessOutcome.PERMITTED, AccessBasis.LEGITIMATE_RELATIONSHIP,
                        EnumSet.of(Section.DEMOGRAPHICS, Section.ALERTS, Section.CARE_PLANS, Section.ENCOUNTERS)),
                Arguments.of("SC100", STRANGER, REASON, AccessOutcome.DENIED, AccessBasis.BREAK_GLASS, none()),
                Arguments.of("R0001", GP, null, AccessOutcome.DENIED, AccessBasis.NONE, none()),
                Arguments.of("R9999", GP, null, AccessOutcome.DENIED, AccessBasis.NONE, none()));
    }

    @ParameterizedTest(name = "{0} at {1}, reason {2} -> {3} {4}")
    @MethodSource("staffReads")
    void shouldDecideStaffReadsByRoleRelationshipAndBreakGlass(String role, String ods, String reason, AccessOutcome outcome,
                                                               AccessBasis basis, Set<Section> sections) {
        AccessDecision decision = policy.decideRecord(Caller.staff("u1", role, ods), PATIENT, Optional.of(RECORD), Set.of(), reason);

        assertThat(decision.outcome()).isEqualTo(outcome);
        assertThat(decision.basis()).isEqualTo(basis);
        assertThat(decision.sections()).isEqualTo(sections);
        assertThat(decision.httpStatus()).isEqualTo(outcome == AccessOutcome.PERMITTED ? 200 : 403);
        if (outcome == AccessOutcome.DENIED) {
            assertThat(decision.reason()).startsWith("SPR-40");
        }
    }

    @Test
    void shouldFlagBreakGlassWithEmergencyPurposeAndKeepTheReason() {
        AccessDecision decision = policy.decideRecord(Caller.staff("u1", "R8000", STRANGER), PATIENT, Optional.of(RECORD), Set.of(), REASON);

        assertThat(decision.breakGlass()).isTrue();
        assertThat(decision.purposeOfUse().getCode()).isEqualTo("ETREAT");
        assertThat(decision.breakGlassReason()).isEqualTo(REASON);
    }

    static Stream<Arguments> sensitivity() {
        return Stream.of(
                // role, patient withholds, labels the role is given
                Arguments.of("R8000", Set.of(), Set.of("PSY", "HIV")),
                Arguments.of("R8000", Set.of("HIV"), Set.of("PSY")),
                Arguments.of("R8001", Set.of(), Set.of()),
                Arguments.of("R8003", Set.of(), Set.of()));
    }

    @ParameterizedTest(name = "{0}, patient withholds {1} -> sees {2}")
    @MethodSource("sensitivity")
    void shouldWithholdSensitiveItemsUnlessRoleAndPatientAllow(String role, Set<String> withheldByPatient, Set<String> seen) {
        AccessDecision decision = policy(Map.of(PATIENT, withheldByPatient))
                .decideRecord(Caller.staff("u1", role, GP), PATIENT, Optional.of(RECORD), Set.of(), null);

        List<RecordEntry> released = RECORD.entries().stream().filter(decision::releases).toList();
        long withheld = RECORD.entries().stream().filter(decision::withholds).count();

        assertThat(released.stream().flatMap(e -> e.labelCodes().stream())).containsExactlyInAnyOrderElementsOf(seen);
        assertThat(withheld).isEqualTo(2 - seen.size());
        assertThat(released).extracting(RecordEntry::section).contains(Section.ALLERGIES, Section.PROBLEMS);
    }

    @Test
    void shouldLetAPatientReadOnlyTheirOwnRecord() {
        AccessDecision own = policy.decideRecord(Caller.patient(PATIENT), PATIENT, Optional.of(RECORD), Set.of(), null);
        AccessDecision other = policy.decideRecord(Caller.patient(OTHER_PATIENT), PATIENT, Optional.of(RECORD), Set.of(), REASON);

        assertThat(own.outcome()).isEqualTo(AccessOutcome.PERMITTED);
        assertThat(own.basis()).isEqualTo(AccessBasis.PATIENT_SELF);
        assertThat(RECORD.entries().stream().filter(own::releases)).hasSize(RECORD.entries().size());
        assertThat(other.outcome()).isEqualTo(AccessOutcome.DENIED);
        assertThat(other.httpStatus()).isEqualTo(403);
        assertThat(other.reason()).startsWith("SPR-4031");
    }

    @Test
    void shouldLetAPatientReadTheirRecordUnderTheNumberItWasMergedInto() {
        PatientView merged = TestRecords.patient(OTHER_PATIENT).registeredAt(GP).requestedAs(PATIENT).build();

        AccessDecision decision = policy.decideRecord(Caller.patient(PATIENT), PATIENT, Optional.of(merged), Set.of(), null);

        assertThat(decision.permitted()).isTrue();
    }

    @Test
    void shouldAnswerNotFoundOnlyToRolesThatMayReadRecords() {
        AccessDecision clinician = policy.decideRecord(Caller.staff("u1", "R8000", GP), PATIENT, Optional.empty(), Set.of(), null);
        AccessDecision unknownRole = policy.decideRecord(Caller.staff("u1", "R9999", GP), PATIENT, Optional.empty(), Set.of(), null);
        AccessDecision otherPatient = policy.decideRecord(Caller.patient(OTHER_PATIENT), PATIENT, Optional.empty(), Set.of(), null);

        assertThat(clinician.outcome()).isEqualTo(AccessOutcome.NOT_FOUND);
        assertThat(clinician.httpStatus()).isEqualTo(404);
        assertThat(unknownRole.outcome()).isEqualTo(AccessOutcome.DENIED);
        assertThat(otherPatient.outcome()).isEqualTo(AccessOutcome.DENIED);
    }

    @Test
    void shouldReleaseOnlyRequestedSectionsTheRoleMaySeeAndNameTheOthers() {
        AccessDecision decision = policy.decideRecord(Caller.staff("u1", "R8008", GP), PATIENT, Optional.of(RECORD),
                EnumSet.of(Section.DEMOGRAPHICS, Section.RESULTS), null);

        assertThat(decision.sections()).containsExactly(Section.DEMOGRAPHICS);
        assertThat(decision.sectionsNotPermitted()).containsExactly(Section.RESULTS);
    }

    @Test
    void shouldReadTheRelationshipSectionsEvenWhenTheyAreNotReleased() {
        assertThat(policy.sectionsToRead(Caller.staff("u1", "R8008", GP), Set.of()))
                .containsExactlyInAnyOrder(Section.DEMOGRAPHICS, Section.ENCOUNTERS);
    }

    @Test
    void shouldCountARecentlyFinishedEncounterAsARelationshipButNotACancelledOne() {
        PatientView recent = TestRecords.patient(PATIENT).encounter(STRANGER, "finished", NOW.minusSeconds(86_400L * 10),
                NOW.minusSeconds(86_400L * 9)).build();
        PatientView cancelled = TestRecords.patient(PATIENT).encounter(STRANGER, "cancelled", NOW.minusSeconds(3600), null).build();
        Caller caller = Caller.staff("u1", "R8000", STRANGER);

        assertThat(policy.decideRecord(caller, PATIENT, Optional.of(recent), Set.of(), null).permitted()).isTrue();
        assertThat(policy.decideRecord(caller, PATIENT, Optional.of(cancelled), Set.of(), null).permitted()).isFalse();
    }

    static Stream<Arguments> auditors() {
        return Stream.of(Arguments.of(Caller.staff("po", "R0001", GP), true), Arguments.of(Caller.staff("dr", "R8000", GP), false),
                Arguments.of(Caller.patient(PATIENT), false));
    }

    @ParameterizedTest(name = "{0} may audit: {1}")
    @MethodSource("auditors")
    void shouldOpenTheAuditApiToAuditorsOnly(Caller caller, boolean allowed) {
        AccessDecision decision = policy.decideAudit(caller);

        assertThat(decision.permitted()).isEqualTo(allowed);
        if (allowed) {
            assertThat(decision.basis()).isEqualTo(AccessBasis.AUDIT);
        }
    }

    private static Set<Section> all() {
        return EnumSet.allOf(Section.class);
    }

    private static Set<Section> none() {
        return Set.of();
    }
}
